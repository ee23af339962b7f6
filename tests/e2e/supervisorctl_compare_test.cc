// The real supervisorctl against drover and against the real supervisord on
// the same config: every command's output must match once pids, uptimes and
// dates are masked (issue 6, point 3).
#include "harness/supervisord_pair.h"

#include <gtest/gtest.h>

namespace drover::e2e {
namespace {

const char* const kPrograms = R"([program:web]
command=/bin/sh -c "echo hello-out; echo hello-err >&2; exec sleep 1000"
stdout_logfile=@DIR@/logs/web.out.log
stderr_logfile=@DIR@/logs/web.err.log

[program:worker]
command=/bin/sleep 1000
stdout_logfile=@DIR@/logs/worker.out.log
stderr_logfile=@DIR@/logs/worker.err.log

[program:lazy]
command=/bin/sleep 1000
autostart=false
stdout_logfile=@DIR@/logs/lazy.out.log
stderr_logfile=@DIR@/logs/lazy.err.log

[program:crash]
command=/bin/sh -c "echo boom; exit 3"
autostart=false
startretries=0
stdout_logfile=@DIR@/logs/crash.out.log
stderr_logfile=@DIR@/logs/crash.err.log

[program:missing]
command=/nonexistent/program
autostart=false
stdout_logfile=@DIR@/logs/missing.out.log
stderr_logfile=@DIR@/logs/missing.err.log
)";

const char* const kYaml = R"(services:
  web:
    command: ["/bin/sh", "-c", "echo hello-out; echo hello-err >&2; exec sleep 1000"]
  worker:
    command: /bin/sleep 1000
  lazy:
    command: /bin/sleep 1000
    autostart: false
  crash:
    command: ["/bin/sh", "-c", "echo boom; exit 3"]
    autostart: false
    start_retries: 0
  missing:
    command: /nonexistent/program
    autostart: false
)";

// After reread: lazy gone, worker changed, extra added.
const char* const kProgramsChanged = R"([program:web]
command=/bin/sh -c "echo hello-out; echo hello-err >&2; exec sleep 1000"
stdout_logfile=@DIR@/logs/web.out.log
stderr_logfile=@DIR@/logs/web.err.log

[program:worker]
command=/bin/sleep 1001
stdout_logfile=@DIR@/logs/worker.out.log
stderr_logfile=@DIR@/logs/worker.err.log

[program:crash]
command=/bin/sh -c "echo boom; exit 3"
autostart=false
startretries=0
stdout_logfile=@DIR@/logs/crash.out.log
stderr_logfile=@DIR@/logs/crash.err.log

[program:extra]
command=/bin/sleep 1000
stdout_logfile=@DIR@/logs/extra.out.log
stderr_logfile=@DIR@/logs/extra.err.log

[program:missing]
command=/nonexistent/program
autostart=false
stdout_logfile=@DIR@/logs/missing.out.log
stderr_logfile=@DIR@/logs/missing.err.log
)";

const char* const kYamlChanged = R"(services:
  web:
    command: ["/bin/sh", "-c", "echo hello-out; echo hello-err >&2; exec sleep 1000"]
  worker:
    command: /bin/sleep 1001
  crash:
    command: ["/bin/sh", "-c", "echo boom; exit 3"]
    autostart: false
    start_retries: 0
  extra:
    command: /bin/sleep 1000
  missing:
    command: /nonexistent/program
    autostart: false
)";

bool wait_both(SupervisordPair& pair, const std::string& name, const std::string& state) {
  return wait_rpc_state(pair.drover.socket(), name, state) &&
         wait_rpc_state(pair.supervisord.socket(), name, state);
}

class SupervisorctlCompareTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(pair_.start({kPrograms, kYaml}));
    ASSERT_TRUE(wait_both(pair_, "web", "RUNNING"));
    ASSERT_TRUE(wait_both(pair_, "worker", "RUNNING"));
  }
  SupervisordPair pair_;
};

TEST_F(SupervisorctlCompareTest, StatusStartStopRestartSignalPid) {
  expect_same_output(pair_, {"status"});  // Exit 3: lazy and crash are not running.
  expect_same_output(pair_, {"status", "web"});
  expect_same_output(pair_, {"status", "web:*"});
  expect_same_output(pair_, {"status", "web", "worker"});
  expect_same_output(pair_, {"status", "nosuch"});  // Exit 4.
  expect_same_output(pair_, {"start", "lazy"});
  expect_same_output(pair_, {"start", "lazy"});
  expect_same_output(pair_, {"stop", "lazy"});
  expect_same_output(pair_, {"stop", "lazy"});
  expect_same_output(pair_, {"start", "nosuch"});
  expect_same_output(pair_, {"start", "missing"});  // NO_FILE: nothing is spawned.
  expect_same_output(pair_, {"start", "crash"});
  ASSERT_TRUE(wait_both(pair_, "crash", "FATAL"));
  expect_same_output(pair_, {"status", "crash"});
  expect_same_output(pair_, {"restart", "web"});
  expect_same_output(pair_, {"restart", "web:*"});
  expect_same_output(pair_, {"restart", "all"}, true);
  expect_same_output(pair_, {"signal", "CONT", "worker"});
  expect_same_output(pair_, {"signal", "CONT", "lazy"});
  expect_same_output(pair_, {"signal", "NOSUCHSIG", "worker"});
  expect_same_output(pair_, {"pid"});
  expect_same_output(pair_, {"pid", "web"});
  expect_same_output(pair_, {"pid", "lazy"});
  expect_same_output(pair_, {"stop", "all"}, true);
  expect_same_output(pair_, {"status"});
  expect_same_output(pair_, {"start", "all"}, true);
  ASSERT_TRUE(wait_both(pair_, "lazy", "RUNNING"));
  expect_same_output(pair_, {"status"});
}

TEST_F(SupervisorctlCompareTest, TailClearAndAvail) {
  expect_same_output(pair_, {"tail", "web"});
  expect_same_output(pair_, {"tail", "web", "stderr"});
  expect_same_output(pair_, {"tail", "-5", "web"});
  expect_same_output(pair_, {"tail", "nosuch"});
  expect_same_output(pair_, {"clear", "web"});
  expect_same_output(pair_, {"tail", "web"});
  expect_same_output(pair_, {"clear", "all"}, true);
  expect_same_output(pair_, {"avail"});
}

TEST_F(SupervisorctlCompareTest, RereadUpdateAddRemove) {
  pair_.rewrite({kProgramsChanged, kYamlChanged});
  expect_same_output(pair_, {"reread"}, true);
  expect_same_output(pair_, {"avail"});
  expect_same_output(pair_, {"update"}, true);
  ASSERT_TRUE(wait_both(pair_, "extra", "RUNNING"));
  ASSERT_TRUE(wait_both(pair_, "worker", "RUNNING"));
  expect_same_output(pair_, {"status"});
  expect_same_output(pair_, {"remove", "extra"});
  expect_same_output(pair_, {"stop", "extra"});
  expect_same_output(pair_, {"remove", "extra"});
  expect_same_output(pair_, {"add", "extra"});
  expect_same_output(pair_, {"add", "extra"});
  expect_same_output(pair_, {"add", "nosuch"});
  ASSERT_TRUE(wait_both(pair_, "extra", "RUNNING"));
  expect_same_output(pair_, {"status"});
  expect_same_output(pair_, {"reread"});  // Nothing changed since.
}

// The <string> values of an XML-RPC answer, in order.
std::vector<std::string> strings_in(const std::string& body) {
  std::vector<std::string> out;
  for (size_t at = body.find("<string>"); at != std::string::npos;
       at = body.find("<string>", at + 1)) {
    size_t end = body.find("</string>", at);
    out.push_back(body.substr(at + 8, end - at - 8));
  }
  return out;
}

TEST_F(SupervisorctlCompareTest, SameMethodsAndA400ForBodiesThatAreNotXml) {
  std::string list = rpc_call("system.listMethods", {});
  std::vector<std::string> ours =
      strings_in(http_unix(pair_.drover.socket(), "POST", "/RPC2", list).body);
  std::vector<std::string> theirs =
      strings_in(http_unix(pair_.supervisord.socket(), "POST", "/RPC2", list).body);
  EXPECT_EQ(ours.size(), 41u);
  EXPECT_EQ(ours, theirs);
  for (const std::string* socket : {&pair_.drover.socket(), &pair_.supervisord.socket()}) {
    EXPECT_EQ(http_unix(*socket, "POST", "/RPC2", "this is not xml").status, 400) << *socket;
  }
}

TEST_F(SupervisorctlCompareTest, ReloadRestartsEverythingThenShutdownStopsBoth) {
  expect_same_output(pair_, {"start", "lazy"});
  expect_same_output(pair_, {"reload"});
  ASSERT_TRUE(wait_both(pair_, "web", "RUNNING"));
  ASSERT_TRUE(wait_both(pair_, "worker", "RUNNING"));
  // lazy is not autostarted again. Not `status` of all: supervisord has
  // re-executed and forgotten that lazy ever ran ("Not started"), drover keeps
  // the history and shows when it stopped (docs/api.md).
  expect_same_output(pair_, {"status", "web", "worker"});
  EXPECT_EQ(supervisorctl(pair_.drover.socket(), {"status", "lazy"}).exit_code, 3);
  expect_same_output(pair_, {"shutdown"});
  EXPECT_EQ(pair_.drover.wait_exit(), 0);
  EXPECT_EQ(pair_.supervisord.wait_exit(std::chrono::seconds(20)), 0);
  expect_same_output(pair_, {"status"});  // No server left: both refuse alike.
}

}  // namespace
}  // namespace drover::e2e
