// next_run across daylight saving time changes, with the real transition
// instants of Europe/Berlin and America/New_York written in as data. The
// rules (docs/decisions/0010): fixed-time jobs follow the wall clock (a time
// in a gap runs at the gap's end; a repeated time runs once), wildcard jobs
// follow elapsed time.
#include "core/cron_schedule_test_util.h"

#include <vector>

namespace drover::core {
namespace {

using test::cron;
using test::utc;

std::vector<Instant> runs(const std::string& text, Instant after, int count,
                          const ZoneRules& zone) {
  std::vector<Instant> out;
  CronExpression expression = cron(text);
  for (int i = 0; i < count; ++i) {
    std::optional<Instant> run = next_run(expression, after, zone);
    if (!run) {
      break;
    }
    after = *run;
    out.push_back(after);
  }
  return out;
}

// Berlin springs forward on 2026-03-29 at 01:00 UTC: 02:00 CET becomes
// 03:00 CEST, so wall times 02:00-02:59 do not exist that day.

TEST(CronScheduleDstTest, FixedTimeInTheGapRunsOnceAtItsEnd) {
  // 02:30 every day: 02:30 CET on the 28th, 03:00 CEST on the 29th (the
  // end of the gap, 01:00 UTC), 02:30 CEST on the 30th.
  EXPECT_EQ(runs("30 2 * * *", utc(2026, 3, 27, 12), 3, test::berlin()),
            (std::vector<Instant>{utc(2026, 3, 28, 1, 30), utc(2026, 3, 29, 1),
                                  utc(2026, 3, 30, 0, 30)}));
}

TEST(CronScheduleDstTest, SeveralFixedTimesInOneGapRunOnce) {
  EXPECT_EQ(runs("0,30 2 * * *", utc(2026, 3, 29, 0, 30), 2, test::berlin()),
            (std::vector<Instant>{utc(2026, 3, 29, 1), utc(2026, 3, 30, 0, 0)}));
  // A job at 03:00 is due at the same instant as the gap's end: once.
  EXPECT_EQ(runs("30 2,3 * * *", utc(2026, 3, 29, 0), 3, test::berlin()),
            (std::vector<Instant>{utc(2026, 3, 29, 1), utc(2026, 3, 29, 1, 30),
                                  utc(2026, 3, 30, 0, 30)}));
}

TEST(CronScheduleDstTest, WildcardJobsSkipTheGapInElapsedTime) {
  // Every 15 minutes of real time: 01:45 CET is followed by 03:00 CEST.
  EXPECT_EQ(runs("*/15 * * * *", utc(2026, 3, 29, 0, 40), 3, test::berlin()),
            (std::vector<Instant>{utc(2026, 3, 29, 0, 45), utc(2026, 3, 29, 1, 0),
                                  utc(2026, 3, 29, 1, 15)}));
  // "30 *" is a wildcard job (hour is '*'): 01:30 CET, then 03:30 CEST.
  EXPECT_EQ(runs("30 * * * *", utc(2026, 3, 29, 0, 0), 2, test::berlin()),
            (std::vector<Instant>{utc(2026, 3, 29, 0, 30), utc(2026, 3, 29, 1, 30)}));
}

// Berlin falls back on 2026-10-25 at 01:00 UTC: 03:00 CEST becomes 02:00
// CET, so wall times 02:00-02:59 happen twice (00:xx and 01:xx UTC).

TEST(CronScheduleDstTest, FixedTimeInTheOverlapRunsOnceAtTheFirst) {
  EXPECT_EQ(runs("30 2 * * *", utc(2026, 10, 24, 0, 30), 3, test::berlin()),
            (std::vector<Instant>{utc(2026, 10, 25, 0, 30), utc(2026, 10, 26, 1, 30),
                                  utc(2026, 10, 27, 1, 30)}));
  EXPECT_EQ(runs("59 2 * * *", utc(2026, 10, 25, 0), 2, test::berlin()),
            (std::vector<Instant>{utc(2026, 10, 25, 0, 59), utc(2026, 10, 26, 1, 59)}));
}

TEST(CronScheduleDstTest, FixedTimeAskedDuringTheSecondPassSkipsIt) {
  // Asked at 02:10 CET (the repeated hour): 02:30 already ran in CEST.
  EXPECT_EQ(runs("30 2 * * *", utc(2026, 10, 25, 1, 10), 1, test::berlin()),
            (std::vector<Instant>{utc(2026, 10, 26, 1, 30)}));
  // A time after the overlap on the same day is not affected.
  EXPECT_EQ(runs("30 3 * * *", utc(2026, 10, 25, 1, 10), 1, test::berlin()),
            (std::vector<Instant>{utc(2026, 10, 25, 2, 30)}));
}

TEST(CronScheduleDstTest, WildcardJobsRunInBothPassesOfTheOverlap) {
  EXPECT_EQ(runs("*/30 * * * *", utc(2026, 10, 24, 23, 45), 5, test::berlin()),
            (std::vector<Instant>{utc(2026, 10, 25, 0, 0), utc(2026, 10, 25, 0, 30),
                                  utc(2026, 10, 25, 1, 0), utc(2026, 10, 25, 1, 30),
                                  utc(2026, 10, 25, 2, 0)}));
  EXPECT_EQ(
      runs("@hourly", utc(2026, 10, 24, 23, 30), 3, test::berlin()),
      (std::vector<Instant>{utc(2026, 10, 25, 0), utc(2026, 10, 25, 1), utc(2026, 10, 25, 2)}));
}

TEST(CronScheduleDstTest, DailyJobsKeepTheirWallClockTimeAcrossChanges) {
  // Midnight in Berlin is 23:00 UTC in winter and 22:00 UTC in summer.
  EXPECT_EQ(
      runs("@daily", utc(2026, 3, 27, 12), 3, test::berlin()),
      (std::vector<Instant>{utc(2026, 3, 27, 23), utc(2026, 3, 28, 23), utc(2026, 3, 29, 22)}));
  EXPECT_EQ(runs("0 12 * * *", utc(2026, 10, 24, 12), 2, test::berlin()),
            (std::vector<Instant>{utc(2026, 10, 25, 11), utc(2026, 10, 26, 11)}));
}

TEST(CronScheduleDstTest, NewYorkSpringAndFall) {
  // 2026-03-08 07:00 UTC: 02:00 EST becomes 03:00 EDT.
  EXPECT_EQ(
      runs("30 2 * * *", utc(2026, 3, 7, 0), 3, test::new_york()),
      (std::vector<Instant>{utc(2026, 3, 7, 7, 30), utc(2026, 3, 8, 7), utc(2026, 3, 9, 6, 30)}));
  // 2026-11-01 06:00 UTC: 02:00 EDT becomes 01:00 EST; 01:00-01:59 repeat.
  EXPECT_EQ(runs("30 1 * * *", utc(2026, 10, 31, 12), 2, test::new_york()),
            (std::vector<Instant>{utc(2026, 11, 1, 5, 30), utc(2026, 11, 2, 6, 30)}));
  EXPECT_EQ(runs("15 * * * *", utc(2026, 11, 1, 4, 30), 3, test::new_york()),
            (std::vector<Instant>{utc(2026, 11, 1, 5, 15), utc(2026, 11, 1, 6, 15),
                                  utc(2026, 11, 1, 7, 15)}));
}

TEST(CronScheduleDstTest, EveryIgnoresTheZone) {
  EXPECT_EQ(runs("@every 30m", utc(2026, 3, 29, 0, 45), 2, test::berlin()),
            (std::vector<Instant>{utc(2026, 3, 29, 1, 15), utc(2026, 3, 29, 1, 45)}));
}

TEST(CronScheduleDstTest, SparseScheduleCrossesManyChanges) {
  // Yearly at 02:30 on March 29th: in the gap in 2026 (runs at its end),
  // ordinary CEST in 2027 (the change is on the 28th then), and CET in 2028
  // because this test zone lists no changes after 2027.
  EXPECT_EQ(runs("30 2 29 3 *", utc(2026, 1, 1), 3, test::berlin()),
            (std::vector<Instant>{utc(2026, 3, 29, 1), utc(2027, 3, 29, 0, 30),
                                  utc(2028, 3, 29, 1, 30)}));
}

}  // namespace
}  // namespace drover::core
