// Readiness through the real binary: `ready: {fd: N}` (s6 style, a shell
// script writes a newline to fd N) and `ready: notify` (systemd's
// NOTIFY_SOCKET protocol, spoken by the real systemd-notify program).
#include "harness/drover_instance.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

int64_t int_field(DroverInstance& drover, const std::string& name, const std::string& field) {
  boost::json::object service = drover.service(name);
  const boost::json::value* value = service.if_contains(field);
  return value && value->is_int64() ? value->as_int64() : -1;
}

TEST(ReadinessTest, FdReadinessKeepsTheServiceStartingUntilTheNewline) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: [sh, -c, 'while [ ! -f @DIR@/go ]; do sleep 0.05; done; echo >&4; exec sleep 600']
    ready: {fd: 4}
  app:
    command: sleep 600
    depends_on: [db]
)");
  ASSERT_TRUE(drover.start());
  // Longer than the default start_period (1s): without readiness it would be RUNNING.
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "db", "uptime_seconds") >= 2; }));
  EXPECT_EQ(drover.state_of("db"), "STARTING");
  EXPECT_EQ(drover.state_of("app"), "STOPPED");
  ASSERT_EQ(run_command({"/usr/bin/touch", drover.path("go")}).exit_code, 0);
  EXPECT_TRUE(drover.wait_state("db", "RUNNING"));
  EXPECT_TRUE(drover.wait_state("app", "RUNNING"));
}

TEST(ReadinessTest, FdClosedWithoutANewlineNeverMakesItReady) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: [sh, -c, 'exec 4>&-; exec sleep 600']
    ready: {fd: 4}
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "db", "uptime_seconds") >= 2; }));
  EXPECT_EQ(drover.state_of("db"), "STARTING");
}

std::string string_field(DroverInstance& drover, const std::string& name,
                         const std::string& field) {
  boost::json::object service = drover.service(name);
  const boost::json::value* value = service.if_contains(field);
  return value && value->is_string() ? std::string(value->as_string()) : "";
}

TEST(ReadinessTest, NotifyReadinessWithTheRealSystemdNotify) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: [sh, -c, 'while [ ! -f @DIR@/go ]; do sleep 0.05; done; systemd-notify --ready --status="accepting connections"; exec sleep 600']
    ready: notify
  app:
    command: sleep 600
    depends_on: [db]
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "db", "uptime_seconds") >= 2; }));
  EXPECT_EQ(drover.state_of("db"), "STARTING");
  EXPECT_EQ(drover.state_of("app"), "STOPPED");
  ASSERT_EQ(run_command({"/usr/bin/touch", drover.path("go")}).exit_code, 0);
  EXPECT_TRUE(drover.wait_state("db", "RUNNING"));
  EXPECT_TRUE(drover.wait_state("app", "RUNNING"));
  EXPECT_EQ(string_field(drover, "db", "ready_status"), "accepting connections");
  CommandResult status = drover.cli({"status", "db"});
  EXPECT_NE(status.out.find("status: accepting connections"), std::string::npos) << status.out;
}

TEST(ReadinessTest, MissedWatchdogRestartsTheService) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: [sh, -c, 'systemd-notify --ready; exec sleep 600']
    ready: notify
    watchdog: 500ms
    stop_timeout: 2s
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "db", "restarts") >= 1; }, seconds(20)))
      << boost::json::serialize(drover.services_json());
  EXPECT_NE(drover.stderr_text().find("watchdog: no WATCHDOG=1 within 500ms"), std::string::npos)
      << drover.stderr_text();
}

TEST(ReadinessTest, WatchdogPingsKeepItRunning) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: [sh, -c, 'systemd-notify --ready; while true; do systemd-notify WATCHDOG=1; sleep 0.2; done']
    ready: notify
    watchdog: 5s
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("db", "RUNNING"));
  // Several watchdog periods' worth of pings counted by uptime, not by sleeping.
  ASSERT_TRUE(
      wait_until([&] { return int_field(drover, "db", "uptime_seconds") >= 7; }, seconds(30)));
  EXPECT_EQ(int_field(drover, "db", "restarts"), 0);
}

// A forking daemon: the starter launches the real work in the background,
// announces it with MAINPID=, and exits. drover must keep the service
// RUNNING, show the daemon's pid, signal it on stop, and notice its death.
TEST(ReadinessTest, MainPidMakesTheDaemonTheServicesProcess) {
  DroverInstance drover;
  drover.write_config(R"(services:
  daemon:
    command: [sh, -c, 'sleep 600 & echo $$! > @DIR@/daemon.pid; systemd-notify MAINPID=$$!; systemd-notify --ready; sleep 0.5; exit 0']
    ready: notify
    restart: never
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("daemon", "RUNNING"));
  std::string daemon = drover.read_file("daemon.pid");
  while (!daemon.empty() && daemon.back() == '\n') {
    daemon.pop_back();
  }
  ASSERT_FALSE(daemon.empty());
  // Well after the starter exited, the service still runs, as the daemon.
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "daemon", "pid") == std::stoll(daemon); }));
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "daemon", "uptime_seconds") >= 2; }));
  EXPECT_EQ(drover.state_of("daemon"), "RUNNING");
  EXPECT_NE(drover.stderr_text().find("main process is now pid " + daemon), std::string::npos)
      << drover.stderr_text();

  // Its death is the service's end.
  ASSERT_EQ(run_command({"/bin/kill", "-KILL", daemon}).exit_code, 0);
  EXPECT_TRUE(wait_until([&] {
    std::string state = drover.state_of("daemon");
    return state == "EXITED" || state == "BACKOFF" || state == "FATAL";
  })) << drover.state_of("daemon");
  EXPECT_NE(drover.stderr_text().find("killed by signal 9"), std::string::npos)
      << drover.stderr_text();
}

TEST(ReadinessTest, StopSignalsTheAdoptedMainPid) {
  DroverInstance drover;
  drover.write_config(R"(services:
  daemon:
    command: [sh, -c, 'sleep 600 & echo $$! > @DIR@/daemon.pid; systemd-notify MAINPID=$$!; systemd-notify --ready; sleep 0.5; exit 0']
    ready: notify
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until(
      [&] { return drover.stderr_text().find("main process is now pid") != std::string::npos; }));
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "daemon", "uptime_seconds") >= 1; }));
  std::string daemon = drover.read_file("daemon.pid");
  daemon.erase(daemon.find_last_not_of('\n') + 1);
  EXPECT_EQ(drover.cli({"stop", "daemon"}).exit_code, 0);
  EXPECT_TRUE(drover.wait_state("daemon", "STOPPED"));
  EXPECT_TRUE(wait_until([&] {
    return run_command({"/bin/kill", "-0", daemon}).exit_code != 0;
  })) << "the daemon "
      << daemon << " survived the stop";
}

TEST(ReadinessTest, MainPidOfAnotherProcessIsRefused) {
  DroverInstance drover;
  drover.write_config(R"(services:
  liar:
    command: [sh, -c, 'systemd-notify MAINPID=1; systemd-notify --ready; exec sleep 600']
    ready: notify
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("liar", "RUNNING"));
  ASSERT_TRUE(wait_until([&] {
    return drover.stderr_text().find("ignoring MAINPID=1") != std::string::npos;
  })) << drover.stderr_text();
  EXPECT_NE(int_field(drover, "liar", "pid"), 1);
}

}  // namespace
}  // namespace drover::e2e
