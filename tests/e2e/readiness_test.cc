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

}  // namespace
}  // namespace drover::e2e
