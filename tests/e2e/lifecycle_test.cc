// Lifecycle through the real binary: start, status, stop/start/restart,
// signals, crash handling and back-off, as a user drives them with the CLI.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <signal.h>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

TEST(LifecycleTest, IndependentServicesReachRunningAndShowInStatus) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: @TESTSVC@ --say hello-from-web
    start_period: 100ms
  worker:
    command: ["@TESTSVC@", "--print", "2"]
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  EXPECT_TRUE(drover.wait_state("web", "RUNNING"));
  EXPECT_TRUE(drover.wait_state("worker", "RUNNING"));

  CommandResult status = drover.cli({"status"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("web"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("RUNNING"), std::string::npos) << status.out;

  CommandResult json = drover.cli({"status", "--json"});
  EXPECT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"worker\""), std::string::npos) << json.out;

  // The unified stream carries each line as "name | line".
  EXPECT_TRUE(wait_until([&] {
    return drover.stdout_text().find("web    | hello-from-web") != std::string::npos &&
           drover.stdout_text().find("worker | line 2") != std::string::npos;
  })) << drover.stdout_text();
}

TEST(LifecycleTest, StopStartAndRestartThroughTheCli) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: @TESTSVC@
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "RUNNING"));
  int64_t first_pid = drover.service("web").at("pid").as_int64();

  CommandResult stop = drover.cli({"stop", "web"});
  EXPECT_EQ(stop.exit_code, 0) << stop.out << stop.err;
  EXPECT_TRUE(drover.wait_state("web", "STOPPED"));

  CommandResult start = drover.cli({"start", "web"});
  EXPECT_EQ(start.exit_code, 0) << start.out << start.err;
  ASSERT_TRUE(drover.wait_state("web", "RUNNING"));
  int64_t second_pid = drover.service("web").at("pid").as_int64();
  EXPECT_NE(first_pid, second_pid);

  CommandResult restart = drover.cli({"restart", "all"});
  EXPECT_EQ(restart.exit_code, 0) << restart.out << restart.err;
  EXPECT_TRUE(wait_until([&] {
    auto web = drover.service("web");
    return web.contains("pid") && web.at("pid").as_int64() != second_pid &&
           web.at("state").as_string() == "RUNNING";
  }));
}

TEST(LifecycleTest, SignalCommandReachesTheService) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: @TESTSVC@ --log-signals @DIR@/signals --touch @DIR@/ready
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "RUNNING"));
  // The service has installed its handlers once it has touched "ready".
  ASSERT_TRUE(wait_until([&] { return !drover.read_file("ready").empty(); }));
  CommandResult result = drover.cli({"signal", "HUP", "web"});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_TRUE(wait_until([&] { return drover.read_file("signals") == "HUP\n"; }))
      << drover.read_file("signals");
  EXPECT_EQ(drover.state_of("web"), "RUNNING");
}

TEST(LifecycleTest, UnknownServiceNamesAreErrorsListingKnownOnes) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: @TESTSVC@
  worker:
    command: @TESTSVC@
)");
  ASSERT_TRUE(drover.start());
  CommandResult result = drover.cli({"stop", "wbe"});
  EXPECT_EQ(result.exit_code, 1);
  std::string all = result.out + result.err;
  EXPECT_NE(all.find("wbe"), std::string::npos) << all;
  EXPECT_NE(all.find("web"), std::string::npos) << all;
  EXPECT_NE(all.find("worker"), std::string::npos) << all;
}

TEST(LifecycleTest, CliWithoutDaemonNamesTheSocketItTried) {
  DroverInstance drover;
  CommandResult result = drover.cli({"status"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find(drover.socket()), std::string::npos) << result.err;
}

TEST(LifecycleTest, CrashDuringStartPeriodBacksOffThenGoesFatal) {
  DroverInstance drover;
  drover.write_config(R"(services:
  flaky:
    command: @TESTSVC@ --count @DIR@/starts --exit 1
    start_period: 5s
    start_retries: 1
)");
  ASSERT_TRUE(drover.start());
  EXPECT_TRUE(drover.wait_state("flaky", "BACKOFF", seconds(5)));
  ASSERT_TRUE(drover.wait_state("flaky", "FATAL", seconds(10)));
  // One first attempt plus start_retries retries.
  EXPECT_EQ(drover.read_file("starts"), "start\nstart\n");
  std::string description(drover.service("flaky").at("description").as_string());
  EXPECT_NE(description.find("exited too quickly (exit status 1)"), std::string::npos)
      << description;
}

TEST(LifecycleTest, RunningServiceThatCrashesIsRestartedAndCounted) {
  DroverInstance drover;
  drover.write_config(R"(services:
  crashy:
    command: @TESTSVC@ --count @DIR@/starts --after-ms 150 --exit 2
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  EXPECT_TRUE(wait_until([&] {
    auto crashy = drover.service("crashy");
    return crashy.contains("restarts") && crashy.at("restarts").as_int64() >= 3;
  }));
  EXPECT_EQ(drover.service("crashy").at("last_exit").as_object().at("code").as_int64(), 2);
}

TEST(LifecycleTest, RestartOnFailureLeavesCleanExitAlone) {
  DroverInstance drover;
  drover.write_config(R"(services:
  job:
    command: @TESTSVC@ --after-ms 100 --exit 0
    start_period: 0
    restart: on-failure
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("job", "EXITED"));
  EXPECT_EQ(drover.service("job").at("restarts").as_int64(), 0);
}

TEST(LifecycleTest, SpawnFailureExplainsTheMissingCommand) {
  DroverInstance drover;
  drover.write_config(R"(services:
  ghost:
    command: no-such-program-anywhere --flag
    start_retries: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("ghost", "FATAL"));
  std::string description(drover.service("ghost").at("description").as_string());
  EXPECT_NE(description.find("\"no-such-program-anywhere\" not found in PATH"), std::string::npos)
      << description;
}

TEST(LifecycleTest, PartialLastLineIsFlushedWhenTheProcessExits) {
  DroverInstance drover;
  drover.write_config(R"(services:
  once:
    type: oneshot
    command: @TESTSVC@ --say-partial no-newline --exit 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("once", "EXITED"));
  EXPECT_TRUE(wait_until([&] {
    return drover.stdout_text().find("once | no-newline\n") != std::string::npos;
  })) << drover.stdout_text();
}

}  // namespace
}  // namespace drover::e2e
