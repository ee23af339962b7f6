#include "api/rpc_method.h"
#include "api/testing/recording_controller.h"

#include <gtest/gtest.h>

namespace drover::api::rpc {
namespace {

class StoppingController : public testing::RecordingController {
 public:
  bool stopping = false;
  bool shutting_down() const override { return stopping; }
};

Value value_of(const Reply& reply) {
  if (const Fault* error = std::get_if<Fault>(&reply)) {
    ADD_FAILURE() << "fault " << error->code << ": " << error->message;
  }
  const Value* value = std::get_if<Value>(&reply);
  return value ? *value : Value();
}

int fault_code(const Reply& reply) {
  const Fault* error = std::get_if<Fault>(&reply);
  return error ? error->code : 0;
}

std::string text(const Value* value) {
  const std::string* s = value ? value->get<std::string>() : nullptr;
  return s ? *s : "<not a string>";
}

class RpcMethodsTest : public ::testing::Test {
 protected:
  void SetUp() override { controller_.views = testing::sample_views(); }
  StoppingController controller_;
};

TEST_F(RpcMethodsTest, AnswersTheApiVersionSupervisorctlRequires) {
  EXPECT_TRUE(value_of(call(controller_, "supervisor.getVersion", {})) == Value("3.0"));
  EXPECT_TRUE(value_of(call(controller_, "supervisor.getAPIVersion", {})) == Value("3.0"));
  EXPECT_EQ(fault_code(call(controller_, "supervisor.nothing", {})), kUnknownMethod);
  EXPECT_EQ(fault_code(call(controller_, "nothing", {})), kUnknownMethod);
}

TEST_F(RpcMethodsTest, ShutdownStateForSupervisorMethodsOnly) {
  controller_.stopping = true;
  Reply state = call(controller_, "supervisor.getState", {});
  EXPECT_EQ(fault_code(state), kShutdownState);
  EXPECT_EQ(std::get<Fault>(state).message, "SHUTDOWN_STATE");
  EXPECT_EQ(fault_code(call(controller_, "supervisor.startProcess", {Value("web")})),
            kShutdownState);
  EXPECT_EQ(fault_code(call(controller_, "system.listMethods", {})), 0);
}

TEST_F(RpcMethodsTest, ProcessInfoHasSupervisordsFields) {
  Value info = value_of(call(controller_, "supervisor.getProcessInfo", {Value("web")}));
  for (const char* field :
       {"name", "group", "start", "stop", "now", "state", "statename", "spawnerr", "exitstatus",
        "logfile", "stdout_logfile", "stderr_logfile", "pid", "description"}) {
    EXPECT_NE(info.member(field), nullptr) << field;
  }
  EXPECT_EQ(text(info.member("group")), "web");
  EXPECT_TRUE(*info.member("state") == Value(20));
  EXPECT_TRUE(*info.member("pid") == Value(4242));
  EXPECT_EQ(text(info.member("description")).rfind("pid 4242, uptime ", 0), 0u);
  Value db = value_of(call(controller_, "supervisor.getProcessInfo", {Value("database")}));
  EXPECT_TRUE(*db.member("state") == Value(100));
  EXPECT_TRUE(*db.member("exitstatus") == Value(1));
  EXPECT_EQ(fault_code(call(controller_, "supervisor.getProcessInfo", {Value("nope")})), kBadName);
  EXPECT_EQ(fault_code(call(controller_, "supervisor.getProcessInfo", {})), kIncorrectParameters);
  Value all = value_of(call(controller_, "supervisor.getAllProcessInfo", {}));
  ASSERT_NE(all.get<Array>(), nullptr);
  ASSERT_EQ(all.get<Array>()->size(), 2u);
  EXPECT_EQ(text((*all.get<Array>())[0].member("name")), "database");  // Sorted by group name.
}

TEST_F(RpcMethodsTest, StartAndStopFaultsAndWaiting) {
  EXPECT_EQ(fault_code(call(controller_, "supervisor.startProcess", {Value("web")})),
            kAlreadyStarted);
  EXPECT_EQ(fault_code(call(controller_, "supervisor.stopProcess", {Value("database")})),
            kNotRunning);
  EXPECT_EQ(fault_code(call(controller_, "supervisor.startProcessGroup", {Value("nope")})),
            kBadName);
  // A start that has not reached RUNNING yet waits; RUNNING answers true.
  controller_.on_execute = [this](const core::Command&) {
    controller_.views[1].state = core::State::Starting;
  };
  Reply waiting = call(controller_, "supervisor.startProcess", {Value("database")});
  Poll* poll = std::get_if<Poll>(&waiting);
  ASSERT_NE(poll, nullptr);
  EXPECT_FALSE((*poll)());
  controller_.views[1].state = core::State::Running;
  std::optional<Outcome> done = (*poll)();
  ASSERT_TRUE(done);
  EXPECT_TRUE(std::get<Value>(*done) == Value(true));
  // Without waiting the answer is immediate.
  controller_.views[1].state = core::State::Stopped;
  EXPECT_TRUE(value_of(call(controller_, "supervisor.startProcess",
                            {Value("database"), Value(false)})) == Value(true));
}

TEST_F(RpcMethodsTest, AStartThatEndsEarlyIsAnAbnormalTerminationOrSpawnError) {
  controller_.views[1].state = core::State::Stopped;
  controller_.on_execute = [this](const core::Command&) {
    controller_.views[1].state = core::State::Backoff;
    controller_.views[1].spawn_error = "exited too quickly (exit status 1)";
  };
  EXPECT_EQ(fault_code(call(controller_, "supervisor.startProcess", {Value("database")})),
            kSpawnError);
  controller_.views[1].state = core::State::Stopped;
  controller_.on_execute = [this](const core::Command&) {
    controller_.views[1].state = core::State::Exited;
    controller_.views[1].type = "longrun";
    controller_.views[1].spawn_error.clear();
  };
  EXPECT_EQ(fault_code(call(controller_, "supervisor.startProcess", {Value("database")})),
            kAbnormalTermination);
}

TEST_F(RpcMethodsTest, SignalsByNameOrNumber) {
  EXPECT_TRUE(value_of(call(controller_, "supervisor.signalProcess",
                            {Value("web"), Value("HUP")})) == Value(true));
  EXPECT_TRUE(value_of(call(controller_, "supervisor.signalProcess", {Value("web"), Value(1)})) ==
              Value(true));
  EXPECT_EQ(
      fault_code(call(controller_, "supervisor.signalProcess", {Value("web"), Value("NOPE")})),
      kBadSignal);
  EXPECT_EQ(
      fault_code(call(controller_, "supervisor.signalProcess", {Value("database"), Value("HUP")})),
      kNotRunning);
  Value all = value_of(call(controller_, "supervisor.signalAllProcesses", {Value("HUP")}));
  ASSERT_EQ(all.get<Array>()->size(), 1u);  // Only web is signallable.
  EXPECT_TRUE(*(*all.get<Array>())[0].member("status") == Value(kSuccess));
}

TEST_F(RpcMethodsTest, MulticallPutsResultsAndFaultsInPlace) {
  Array calls{
      Value(Struct{{"methodName", Value("supervisor.getAPIVersion")}}),
      Value(Struct{{"methodName", Value("supervisor.getProcessInfo")},
                   {"params", Value(Array{Value("nope")})}}),
      Value(Struct{{"methodName", Value("system.multicall")}, {"params", Value(Array{})}}),
      Value(Struct{{"params", Value(Array{})}}),
  };
  Value results = value_of(call(controller_, "system.multicall", {Value(calls)}));
  const Array* list = results.get<Array>();
  ASSERT_NE(list, nullptr);
  ASSERT_EQ(list->size(), 4u);
  EXPECT_TRUE((*list)[0] == Value("3.0"));
  EXPECT_TRUE(*(*list)[1].member("faultCode") == Value(kBadName));
  EXPECT_EQ(text((*list)[1].member("faultString")), "BAD_NAME: nope");
  EXPECT_EQ(text((*list)[2].member("faultString")),
            "INCORRECT_PARAMETERS: Recursive system.multicall forbidden");
  EXPECT_EQ(text((*list)[3].member("faultString")), "INCORRECT_PARAMETERS: No methodName");
}

TEST_F(RpcMethodsTest, IntrospectionListsEveryMethod) {
  Value names = value_of(call(controller_, "system.listMethods", {}));
  const Array* list = names.get<Array>();
  ASSERT_NE(list, nullptr);
  EXPECT_EQ(list->size(), 41u);  // supervisord 4.2: 37 supervisor.* and 4 system.*.
  for (const Value& name : *list) {
    Value signature = value_of(call(controller_, "system.methodSignature", {name}));
    EXPECT_FALSE(signature.get<Array>()->empty()) << text(&name);
    Value help = value_of(call(controller_, "system.methodHelp", {name}));
    EXPECT_FALSE(text(&help).empty());
  }
  EXPECT_EQ(fault_code(call(controller_, "system.methodHelp", {Value("nope")})),
            kSignatureUnsupported);
}

}  // namespace
}  // namespace drover::api::rpc
