// `drover check` on the schedule keys (issue #9), through the real binary
// and the real tz database: zone names are checked at load.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <fstream>

namespace drover::e2e {
namespace {

const char* const kScheduled =
    "services:\n"
    "  engine:\n"
    "    command: x\n"
    "    schedule: '*/5 * * * *'\n"
    "    timezone: ZONE\n"
    "    concurrency: forbid\n"
    "    max_runtime: 10m\n";

std::string with_zone(const std::string& zone) {
  std::string text = kScheduled;
  return text.replace(text.find("ZONE"), 4, zone);
}

TEST(ScheduleCheckTest, AZoneOfTheSystemDatabaseIsAccepted) {
  DroverInstance drover;
  std::ofstream(drover.config_path()) << with_zone("America/New_York");
  CommandResult check = run_command({drover_binary(), "check", "-c", drover.config_path()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST(ScheduleCheckTest, AnUnknownZoneIsReportedAtItsValue) {
  DroverInstance drover;
  std::ofstream(drover.config_path()) << with_zone("Europe/Berln");
  CommandResult check = run_command({drover_binary(), "check", "-c", drover.config_path()});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_EQ(check.err, drover.config_path() +
                           ":5:15: services.engine.timezone: unknown time zone \"Europe/Berln\" "
                           "(no file /usr/share/zoneinfo/Europe/Berln; the tz database comes "
                           "from the tzdata package)\n");
}

TEST(ScheduleCheckTest, TzdirChoosesTheDatabaseAndUtcNeedsNone) {
  DroverInstance drover;
  std::ofstream(drover.config_path()) << with_zone("UTC");
  CommandResult check = run_command({drover_binary(), "check", "-c", drover.config_path()},
                                    std::chrono::seconds(10), {"TZDIR=/nonexistent"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  std::ofstream(drover.config_path()) << with_zone("Europe/Berlin");
  check = run_command({drover_binary(), "check", "-c", drover.config_path()},
                      std::chrono::seconds(10), {"TZDIR=/nonexistent"});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_NE(check.err.find("no file /nonexistent/Europe/Berlin"), std::string::npos) << check.err;
}

TEST(ScheduleCheckTest, ABadScheduleNamesTheCronField) {
  DroverInstance drover;
  std::ofstream(drover.config_path())
      << "services:\n  engine:\n    command: x\n    schedule: '0 0 * * fry'\n";
  CommandResult check = run_command({drover_binary(), "check", "-c", drover.config_path()});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_EQ(check.err, drover.config_path() +
                           ":4:15: services.engine.schedule: day-of-week field: \"fry\" is not a "
                           "number or a name (sun-sat); did you mean \"fri\"?\n");
}

}  // namespace
}  // namespace drover::e2e
