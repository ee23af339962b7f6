// Dependency ordering through the real binary: oneshots gate their
// dependants, a failed oneshot fails the stack fast, and stop runs in
// reverse dependency order with SIGKILL to the whole group at stop_timeout.
#include "harness/drover_instance.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <signal.h>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

TEST(OrderingTest, OneshotCompletesBeforeItsDependantStarts) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: @TESTSVC@ --say web-started
    start_period: 0
    depends_on: { migrate: completed_successfully }
  migrate:
    type: oneshot
    command: @TESTSVC@ --after-ms 300 --say-partial migrated --exit 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "RUNNING"));
  EXPECT_EQ(drover.state_of("migrate"), "EXITED");
  // RUNNING may be reported before the service's first line reaches stdout.
  EXPECT_TRUE(
      wait_until([&] { return drover.stdout_text().find("web-started") != std::string::npos; }));
  std::string out = drover.stdout_text();
  size_t migrated = out.find("migrate | migrated");
  size_t started = out.find("web     | web-started");
  ASSERT_NE(migrated, std::string::npos) << out;
  ASSERT_NE(started, std::string::npos) << out;
  EXPECT_LT(migrated, started);
}

TEST(OrderingTest, WaitingDependantSaysWhatItWaitsFor) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: @TESTSVC@
    autostart: false
  web:
    command: @TESTSVC@
    depends_on: [db]
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] {
    auto web = drover.service("web");
    return web.contains("description") &&
           web.at("description").as_string() == "waiting for db (started)";
  })) << boost::json::serialize(drover.services_json());
  EXPECT_EQ(drover.state_of("web"), "STOPPED");
  CommandResult start = drover.cli({"start", "db"});
  EXPECT_EQ(start.exit_code, 0);
  EXPECT_TRUE(drover.wait_state("web", "RUNNING"));
}

TEST(OrderingTest, FailedOneshotFailsTheStackFastNamingItsOutput) {
  DroverInstance drover;
  drover.write_config(R"(services:
  migrate:
    type: oneshot
    command: @TESTSVC@ --say "relation users does not exist" --exit 3
  web:
    command: @TESTSVC@ --count @DIR@/web-starts
    depends_on: { migrate: completed_successfully }
)");
  drover.launch();
  int code = drover.wait_exit(seconds(20));
  EXPECT_NE(code, 0);
  EXPECT_NE(code, -1);
  std::string err = drover.stderr_text();
  EXPECT_NE(err.find("migrate"), std::string::npos) << err;
  EXPECT_NE(err.find("exit status 3"), std::string::npos) << err;
  EXPECT_NE(err.find("relation users does not exist"), std::string::npos) << err;
  EXPECT_EQ(drover.read_file("web-starts"), "");
}

TEST(OrderingTest, StopRunsInReverseDependencyOrder) {
  DroverInstance drover;
  drover.write_config(R"(services:
  proxy:
    command: @TESTSVC@ --role proxy --log-signals @DIR@/signals --exit-on-term 0 --touch @DIR@/ready-proxy
    start_period: 0
    depends_on: [web]
  web:
    command: @TESTSVC@ --role web --log-signals @DIR@/signals --exit-on-term 0 --touch @DIR@/ready-web
    start_period: 0
    depends_on: [db]
  db:
    command: @TESTSVC@ --role db --log-signals @DIR@/signals --exit-on-term 0 --touch @DIR@/ready-db
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("proxy", "RUNNING"));
  // Signal handlers are installed once each service has touched its file.
  ASSERT_TRUE(wait_until([&] {
    return !drover.read_file("ready-proxy").empty() && !drover.read_file("ready-web").empty() &&
           !drover.read_file("ready-db").empty();
  }));
  drover.send_signal(SIGTERM);
  EXPECT_EQ(drover.wait_exit(), 0);
  EXPECT_EQ(drover.read_file("signals"), "proxy:TERM\nweb:TERM\ndb:TERM\n");
}

TEST(OrderingTest, StopTimeoutEscalatesToSigkillOfTheWholeGroup) {
  DroverInstance drover;
  drover.write_config(R"(services:
  stubborn:
    command: @TESTSVC@ --ignore TERM --role main --log-signals @DIR@/signals --child-in-group --touch @DIR@/ready
    start_period: 0
    stop_timeout: 300ms
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("stubborn", "RUNNING"));
  ASSERT_TRUE(wait_until([&] { return !drover.read_file("ready").empty(); }));
  CommandResult stop = drover.cli({"stop", "stubborn"});
  EXPECT_EQ(stop.exit_code, 0) << stop.out << stop.err;
  ASSERT_TRUE(drover.wait_state("stubborn", "STOPPED"));
  auto last_exit = drover.service("stubborn").at("last_exit").as_object();
  EXPECT_EQ(last_exit.at("signal").as_int64(), SIGKILL);
  // The stop signal went to the group: the helper child got it too.
  EXPECT_NE(drover.read_file("signals").find("child:main:TERM"), std::string::npos)
      << drover.read_file("signals");
}

TEST(OrderingTest, CheckRejectsADependencyCycleNamingIt) {
  DroverInstance drover;
  drover.write_config(R"(services:
  a:
    command: @TESTSVC@
    depends_on: [b]
  b:
    command: @TESTSVC@
    depends_on: [c]
  c:
    command: @TESTSVC@
    depends_on: [a]
)");
  CommandResult check = run_command({drover_binary(), "check", "-c", drover.config_path()});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_NE((check.out + check.err).find("a -> b -> c -> a"), std::string::npos)
      << check.out << check.err;
}

}  // namespace
}  // namespace drover::e2e
