// supervisorctl and XML-RPC details the comparison test cannot check line by
// line: never-ending tails, maintail, the interactive mode, the 400 for a
// body that is not XML, SHUTDOWN_STATE and multicall (issue 6, point 2b).
#include "harness/supervisord_pair.h"

#include <gtest/gtest.h>

namespace drover::e2e {
namespace {

const char* const kServices = R"(services:
  web:
    command: ["/bin/sh", "-c", "echo hello-out; echo hello-err >&2; exec sleep 1000"]
  lazy:
    command: /bin/sleep 1000
    autostart: false
    start_period: 1s
  stubborn:
    command: @TESTSVC@ --ignore TERM
    autostart: false
    start_period: 0
    stop_timeout: 5s
)";

std::string call(const std::string& method, const std::string& params = "") {
  return "<?xml version='1.0'?><methodCall><methodName>" + method + "</methodName><params>" +
         params + "</params></methodCall>";
}

std::string string_param(const std::string& text) {
  return "<param><value><string>" + text + "</string></value></param>";
}

class SupervisorctlDroverTest : public ::testing::Test {
 protected:
  void SetUp() override {
    drover_.write_config(kServices, "  log_dir: " + drover_.path("logs") +
                                        "\n  log_file: " + drover_.path("drover.log") + "\n");
    ASSERT_TRUE(drover_.start());
    ASSERT_TRUE(wait_rpc_state(drover_.socket(), "web", "RUNNING"));
  }
  HttpReply rpc(const std::string& body) {
    return http_unix(drover_.socket(), "POST", "/RPC2", body);
  }
  DroverInstance drover_;
};

TEST_F(SupervisorctlDroverTest, TailFollowStreamsStdoutAndStderr) {
  // tail -f never ends by itself: the deadline stops it, its output is kept.
  CommandResult out =
      supervisorctl(drover_.socket(), {"tail", "-f", "web"}, std::chrono::seconds(3));
  EXPECT_NE(out.out.find("==> Press Ctrl-C to exit <=="), std::string::npos) << out.out << out.err;
  EXPECT_NE(out.out.find("hello-out"), std::string::npos) << out.out;
  CommandResult err =
      supervisorctl(drover_.socket(), {"tail", "-f", "web", "stderr"}, std::chrono::seconds(3));
  EXPECT_NE(err.out.find("hello-err"), std::string::npos) << err.out;
  EXPECT_EQ(err.out.find("hello-out"), std::string::npos) << err.out;
}

TEST_F(SupervisorctlDroverTest, LogtailStartsWithTheEndOfTheLogAndFollowsIt) {
  HttpReply missing = http_unix(drover_.socket(), "GET", "/logtail/nosuch/stdout");
  EXPECT_EQ(missing.status, 404);
  CommandResult out = supervisorctl(drover_.socket(), {"maintail"});
  EXPECT_EQ(out.exit_code, 0);
  EXPECT_NE(out.out.find("web"), std::string::npos) << out.out;
  CommandResult follow =
      supervisorctl(drover_.socket(), {"maintail", "-f"}, std::chrono::seconds(3));
  EXPECT_NE(follow.out.find("RUNNING"), std::string::npos) << follow.out;
}

TEST_F(SupervisorctlDroverTest, VersionAndInteractiveMode) {
  CommandResult version = supervisorctl(drover_.socket(), {"version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_FALSE(version.out.empty());
  std::string session =
      supervisorctl_interactive(drover_.socket(), {"status web", "start lazy", "pid web"});
  EXPECT_NE(session.find("RUNNING"), std::string::npos) << session;
  EXPECT_NE(session.find("lazy: started"), std::string::npos) << session;
}

TEST_F(SupervisorctlDroverTest, BodiesThatAreNotXmlGet400AndUnknownMethodsAFault) {
  EXPECT_EQ(rpc("this is not xml").status, 400);
  HttpReply unknown = rpc(call("supervisor.noSuchMethod"));
  EXPECT_EQ(unknown.status, 200);
  EXPECT_NE(unknown.body.find("<int>1</int>"), std::string::npos) << unknown.body;
  HttpReply version = rpc(call("supervisor.getVersion"));
  EXPECT_NE(version.body.find("<string>3.0</string>"), std::string::npos) << version.body;
  HttpReply bad_name = rpc(call("supervisor.getProcessInfo", string_param("nosuch")));
  EXPECT_NE(bad_name.body.find("BAD_NAME: nosuch"), std::string::npos) << bad_name.body;
}

TEST_F(SupervisorctlDroverTest, MulticallWaitsForAStartInPlace) {
  std::string calls =
      "<param><value><array><data>"
      "<value><struct><member><name>methodName</name><value>supervisor.startProcess</value>"
      "</member><member><name>params</name><value><array><data><value>lazy</value>"
      "</data></array></value></member></struct></value>"
      "<value><struct><member><name>methodName</name><value>supervisor.getProcessInfo</value>"
      "</member><member><name>params</name><value><array><data><value>lazy</value>"
      "</data></array></value></member></struct></value>"
      "<value><struct><member><name>methodName</name><value>supervisor.startProcess</value>"
      "</member><member><name>params</name><value><array><data><value>nosuch</value>"
      "</data></array></value></member></struct></value>"
      "</data></array></value></param>";
  HttpReply reply = rpc(call("system.multicall", calls));
  ASSERT_EQ(reply.status, 200);
  // The start waited for RUNNING (start_period 1s) before getProcessInfo ran.
  EXPECT_NE(reply.body.find("<boolean>1</boolean>"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("<string>RUNNING</string>"), std::string::npos) << reply.body;
  EXPECT_NE(reply.body.find("BAD_NAME: nosuch"), std::string::npos) << reply.body;
}

TEST_F(SupervisorctlDroverTest, EveryMethodAnswersShutdownStateDuringAShutdown) {
  HttpReply started = rpc(call("supervisor.startProcess", string_param("stubborn")));
  ASSERT_NE(started.body.find("<boolean>1</boolean>"), std::string::npos) << started.body;
  HttpReply shutdown = rpc(call("supervisor.shutdown"));
  ASSERT_NE(shutdown.body.find("<boolean>1</boolean>"), std::string::npos) << shutdown.body;
  // stubborn ignores SIGTERM, so drover stays in its shutdown for 5 s.
  HttpReply state = rpc(call("supervisor.getState"));
  EXPECT_NE(state.body.find("<int>6</int>"), std::string::npos) << state.body;
  EXPECT_NE(state.body.find("SHUTDOWN_STATE"), std::string::npos) << state.body;
  HttpReply methods = rpc(call("system.listMethods"));
  EXPECT_NE(methods.body.find("supervisor.getState"), std::string::npos) << methods.body;
  EXPECT_EQ(drover_.wait_exit(), 0);
}

}  // namespace
}  // namespace drover::e2e
