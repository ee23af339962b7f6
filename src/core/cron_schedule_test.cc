// next_run in UTC and fixed-offset zones: field forms, month lengths, leap
// years, year ends, the day-of-month/day-of-week rule, @every, and bounded
// searches for sparse schedules.
#include "core/cron_schedule_test_util.h"

#include <vector>

namespace drover::core {
namespace {

using test::cron;
using test::utc;

const ZoneRules kUtc;

Instant next(const std::string& text, Instant after, const ZoneRules& zone = kUtc) {
  std::optional<Instant> run = next_run(cron(text), after, zone);
  EXPECT_TRUE(run.has_value()) << text;
  return run.value_or(Instant{});
}

// The next `count` runs after `after`, each computed from the one before.
std::vector<Instant> runs(const std::string& text, Instant after, int count,
                          const ZoneRules& zone = kUtc) {
  std::vector<Instant> out;
  for (int i = 0; i < count; ++i) {
    after = next(text, after, zone);
    out.push_back(after);
  }
  return out;
}

TEST(CronScheduleTest, NextRunIsStrictlyAfter) {
  EXPECT_EQ(next("* * * * *", utc(2026, 11, 23, 10, 0)), utc(2026, 11, 23, 10, 1));
  EXPECT_EQ(next("* * * * *", utc(2026, 11, 23, 10, 0, 30)), utc(2026, 11, 23, 10, 1));
  EXPECT_EQ(next("* * * * *", utc(2026, 11, 23, 10, 0, 59)), utc(2026, 11, 23, 10, 1));
}

TEST(CronScheduleTest, StepsWithinTheHourAndAcrossIt) {
  EXPECT_EQ(next("*/5 * * * *", utc(2026, 11, 23, 10, 3)), utc(2026, 11, 23, 10, 5));
  EXPECT_EQ(next("*/5 * * * *", utc(2026, 11, 23, 10, 55)), utc(2026, 11, 23, 11, 0));
  EXPECT_EQ(next("5/20 * * * *", utc(2026, 11, 23, 10, 45)), utc(2026, 11, 23, 11, 5));
  EXPECT_EQ(runs("10-50/20 */6 * * *", utc(2026, 11, 23, 11, 0), 4),
            (std::vector<Instant>{utc(2026, 11, 23, 12, 10), utc(2026, 11, 23, 12, 30),
                                  utc(2026, 11, 23, 12, 50), utc(2026, 11, 23, 18, 10)}));
}

TEST(CronScheduleTest, HoursListsAndRangesRollToTheNextDay) {
  EXPECT_EQ(next("0 9-17 * * *", utc(2026, 11, 23, 17, 0)), utc(2026, 11, 24, 9, 0));
  EXPECT_EQ(next("15 3,22 * * *", utc(2026, 11, 23, 3, 15)), utc(2026, 11, 23, 22, 15));
}

TEST(CronScheduleTest, EndOfYearRollsOver) {
  EXPECT_EQ(next("0 0 1 1 *", utc(2026, 12, 31, 23, 59)), utc(2027, 1, 1));
  EXPECT_EQ(next("59 23 31 12 *", utc(2026, 12, 31, 23, 59)), utc(2027, 12, 31, 23, 59));
  EXPECT_EQ(next("@yearly", utc(2026, 1, 1)), utc(2027, 1, 1));
  EXPECT_EQ(next("* * * * *", utc(2026, 12, 31, 23, 59)), utc(2027, 1, 1));
}

TEST(CronScheduleTest, The31stOnlyInLongMonths) {
  EXPECT_EQ(runs("0 0 31 * *", utc(2026, 1, 31), 6),
            (std::vector<Instant>{utc(2026, 3, 31), utc(2026, 5, 31), utc(2026, 7, 31),
                                  utc(2026, 8, 31), utc(2026, 10, 31), utc(2026, 12, 31)}));
  EXPECT_EQ(next("0 0 30 * *", utc(2026, 1, 30)), utc(2026, 3, 30));
  EXPECT_EQ(next("@monthly", utc(2026, 12, 15)), utc(2027, 1, 1));
}

TEST(CronScheduleTest, February29thOnlyInLeapYears) {
  EXPECT_EQ(next("0 0 29 2 *", utc(2026, 1, 1)), utc(2028, 2, 29));
  EXPECT_EQ(next("0 0 29 2 *", utc(1999, 1, 1)), utc(2000, 2, 29));  // Divisible by 400.
  EXPECT_EQ(next("0 0 29 2 *", utc(2096, 3, 1)), utc(2104, 2, 29));  // 2100 is not leap.
  EXPECT_EQ(next("0 0 * 2 *", utc(2100, 2, 28)), utc(2101, 2, 1));
  EXPECT_EQ(next("0 0 * 2 *", utc(2028, 2, 28)), utc(2028, 2, 29));
}

TEST(CronScheduleTest, BothDayFieldsRestrictedMatchEither) {
  // The 13th, or any Friday: 2026-11-06 and 2026-11-13 are Fridays.
  EXPECT_EQ(runs("0 0 13 * 5", utc(2026, 11, 1), 3),
            (std::vector<Instant>{utc(2026, 11, 6), utc(2026, 11, 13), utc(2026, 11, 20)}));
  EXPECT_EQ(runs("0 0 1,15 * mon", utc(2026, 11, 23), 3),
            (std::vector<Instant>{utc(2026, 11, 30), utc(2026, 12, 1), utc(2026, 12, 7)}));
}

TEST(CronScheduleTest, AStarredDayFieldMakesBothRequired) {
  EXPECT_EQ(next("0 0 * * 1", utc(2026, 11, 24)), utc(2026, 11, 30));  // Mondays only.
  EXPECT_EQ(next("0 0 * * sun", utc(2026, 11, 24)), utc(2026, 11, 29));
  EXPECT_EQ(next("0 0 * * 7", utc(2026, 11, 24)), utc(2026, 11, 29));
  // "*/2" starts with '*': odd days that are also Mondays (11-23 is one).
  EXPECT_EQ(runs("0 0 */2 * mon", utc(2026, 11, 22), 2),
            (std::vector<Instant>{utc(2026, 11, 23), utc(2026, 12, 7)}));
  EXPECT_EQ(next("0 0 1 * *", utc(2026, 11, 24)), utc(2026, 12, 1));
}

TEST(CronScheduleTest, WeekdayRangesAndNames) {
  EXPECT_EQ(runs("0 8 * * mon-fri", utc(2026, 11, 27, 9), 2),  // Friday after 8.
            (std::vector<Instant>{utc(2026, 11, 30, 8), utc(2026, 12, 1, 8)}));
  EXPECT_EQ(next("@weekly", utc(2026, 11, 23)), utc(2026, 11, 29));
}

TEST(CronScheduleTest, EveryCountsElapsedTimeFromAfter) {
  EXPECT_EQ(next("@every 90s", utc(2026, 11, 23, 10, 0, 7)), utc(2026, 11, 23, 10, 1, 37));
  EXPECT_EQ(next("@every 1h30m", utc(2026, 11, 23, 23, 0)), utc(2026, 11, 24, 0, 30));
}

TEST(CronScheduleTest, SparseSchedulesEndQuickly) {
  // February 29th that is a Monday (both day fields required): 2016, 2044,
  // 2072, then 2112, since 2100 is not a leap year. Built by hand, because
  // crontab syntax cannot say "the 29th AND a Monday".
  CronExpression leap_monday = cron("0 0 * 2 mon");
  leap_monday.days = uint32_t{1} << 29;
  EXPECT_EQ(next_run(leap_monday, utc(2026, 1, 1), kUtc), utc(2044, 2, 29));
  EXPECT_EQ(next_run(leap_monday, utc(2072, 3, 1), kUtc), utc(2112, 2, 29));
  // A schedule that can never match (parse_cron refuses it) returns nothing
  // after a bounded search instead of looping.
  CronExpression never = cron("0 0 * 2 *");
  never.days = uint32_t{1} << 30;
  EXPECT_EQ(next_run(never, utc(2026, 1, 1), kUtc), std::nullopt);
  EXPECT_EQ(next_wall_match(never, utc(2026, 1, 1)), std::nullopt);
}

TEST(CronScheduleTest, AFixedOffsetZoneShiftsEveryRun) {
  ZoneRules kolkata;
  kolkata.name = "Asia/Kolkata";
  kolkata.initial_offset = std::chrono::minutes(330);
  EXPECT_EQ(next("0 9 * * *", utc(2026, 1, 1), kolkata), utc(2026, 1, 1, 3, 30));
  EXPECT_EQ(next("0 0 * * *", utc(2026, 1, 1), kolkata), utc(2026, 1, 1, 18, 30));
}

TEST(ZoneRulesTest, PeriodAtKnowsItsNeighbours) {
  ZoneRules zone = test::berlin();
  ZoneRules::Period before = zone.period_at(utc(2026, 1, 1));
  EXPECT_EQ(before.start, std::nullopt);
  EXPECT_EQ(before.end, utc(2026, 3, 29, 1));
  EXPECT_EQ(before.offset, std::chrono::hours(1));
  EXPECT_EQ(before.next_offset, std::chrono::hours(2));
  ZoneRules::Period summer = zone.period_at(utc(2026, 3, 29, 1));  // The change itself.
  EXPECT_EQ(summer.start, utc(2026, 3, 29, 1));
  EXPECT_EQ(summer.offset, std::chrono::hours(2));
  EXPECT_EQ(summer.previous_offset, std::chrono::hours(1));
  ZoneRules::Period last = zone.period_at(utc(2030, 1, 1));
  EXPECT_EQ(last.end, std::nullopt);
  EXPECT_EQ(last.next_offset, std::chrono::hours(1));
  EXPECT_EQ(zone.local_time(utc(2026, 7, 1, 12)), utc(2026, 7, 1, 14));
}

}  // namespace
}  // namespace drover::core
