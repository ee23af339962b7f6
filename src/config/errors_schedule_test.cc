// Invalid schedule keys (issue #9). Each case asserts the exact line; the
// time zone check is the one main passes in, faked here by a fixed list
// because config/ never reads the tz database itself.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;

class ScheduleErrorTest : public test::ErrorCaseTest {};

TEST_P(ScheduleErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"MinuteOutOfRange", "services:\n  job:\n    command: x\n    schedule: \"61 * * * *\"\n",
     R"(drover.yaml:4:15: services.job.schedule: minute field: 61 is out of range 0-59)"},
    {"BadMonthName", "services:\n  job:\n    command: x\n    schedule: 0 0 1 janu *\n",
     R"(drover.yaml:4:15: services.job.schedule: month field: "janu" is not a number or a name (jan-dec); did you mean "jan"?)"},
    {"FourFields", "services:\n  job:\n    command: x\n    schedule: '* * * *'\n",
     R"(drover.yaml:4:15: services.job.schedule: expected 5 fields (minute hour day-of-month month day-of-week), got 4)"},
    {"NeverRuns", "services:\n  job:\n    command: x\n    schedule: 0 0 30 2 *\n",
     R"(drover.yaml:4:15: services.job.schedule: day-of-month field: day "30" never occurs in month "2", so the schedule would never run)"},
    {"BadEvery", "services:\n  job:\n    command: x\n    schedule: '@every 10'\n",
     R"(drover.yaml:4:15: services.job.schedule: @every: invalid duration "10"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"EmptySchedule", "services:\n  job:\n    command: x\n    schedule: \"\"\n",
     R"(drover.yaml:4:15: services.job.schedule: must not be empty)"},
    {"ScheduleAsList", "services:\n  job:\n    command: x\n    schedule: [a]\n",
     R"(drover.yaml:4:15: services.job.schedule: expected a string, got a list)"},
    {"ConcurrencyTypo",
     "services:\n  job:\n    command: x\n    schedule: '@hourly'\n    concurrency: forbidd\n",
     R"(drover.yaml:5:18: services.job.concurrency: unknown value "forbidd"; expected forbid, allow or replace; did you mean "forbid"?)"},
    {"BadMaxRuntime",
     "services:\n  job:\n    command: x\n    schedule: '@hourly'\n    max_runtime: 10\n",
     R"(drover.yaml:5:18: services.job.max_runtime: invalid duration "10"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"BadStartingDeadline",
     "services:\n  job:\n    command: x\n    schedule: '@hourly'\n    starting_deadline: soon\n",
     R"(drover.yaml:5:24: services.job.starting_deadline: invalid duration "soon"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"TimezoneWithoutSchedule", "services:\n  job:\n    command: x\n    timezone: UTC\n",
     R"(drover.yaml:4:5: services.job.timezone: timezone needs schedule)"},
    {"MaxRuntimeWithoutSchedule", "services:\n  job:\n    command: x\n    max_runtime: 1m\n",
     R"(drover.yaml:4:5: services.job.max_runtime: max_runtime needs schedule)"},
    {"ScheduledLongrun",
     "services:\n  job:\n    command: x\n    type: longrun\n    schedule: '@daily'\n",
     R"(drover.yaml:4:11: services.job.type: a scheduled service is a oneshot (each run is one instance that exits); remove type: longrun or the schedule)"},
    {"ScheduleKeyTypo", "services:\n  job:\n    command: x\n    schedul: '@daily'\n",
     R"(drover.yaml:4:5: services.job.schedul: unknown key; did you mean "schedule"?)"},
};

INSTANTIATE_TEST_SUITE_P(Config, ScheduleErrorTest, ::testing::ValuesIn(kCases), test::case_name);

Result<void> known_zones(const std::string& name) {
  if (name == "Europe/Berlin" || name == "UTC") {
    return {};
  }
  return make_error(Errc::NotFound, "unknown time zone \"" + name + "\"");
}

TEST(ScheduleConfigTest, UnknownTimeZoneIsReportedAtItsValue) {
  LoadResult result = load_text(
      "services:\n  job:\n    command: x\n    schedule: '@daily'\n    timezone: Europe/Berln\n",
      "drover.yaml", {}, {}, known_zones);
  EXPECT_EQ(test::error_lines(result),
            std::vector<std::string>{
                R"(drover.yaml:5:15: services.job.timezone: unknown time zone "Europe/Berln")"});
}

TEST(ScheduleConfigTest, KnownTimeZonePassesTheCheck) {
  LoadResult result = load_text(
      "services:\n  job:\n    command: x\n    schedule: '@daily'\n    timezone: Europe/Berlin\n",
      "drover.yaml", {}, {}, known_zones);
  EXPECT_TRUE(result.errors.empty()) << test::error_lines(result).front();
  ASSERT_TRUE(result.model.has_value());
}

}  // namespace
}  // namespace drover::config
