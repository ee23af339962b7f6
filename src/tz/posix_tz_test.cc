// The TZif footer rules: parsing the forms current tzdata writes, and the
// changes they produce (checked against Python's zoneinfo for these dates).
#include "tz/posix_tz.h"

#include <gtest/gtest.h>

namespace drover::tz {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

core::Instant utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  return core::Instant(std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(mo) /
                                             std::chrono::day(d))) +
         hours(h) + minutes(mi);
}

TEST(PosixTzTest, ParsesTheFormsOfCurrentTzdata) {
  std::optional<PosixTz> berlin = parse_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3");
  ASSERT_TRUE(berlin.has_value());
  EXPECT_EQ(berlin->standard, hours(1));
  EXPECT_EQ(berlin->daylight, hours(2));
  EXPECT_EQ(berlin->start.month, 3u);
  EXPECT_EQ(berlin->start.week, 5u);
  EXPECT_EQ(berlin->start.time, hours(2));
  EXPECT_EQ(berlin->end.time, hours(3));

  std::optional<PosixTz> jerusalem = parse_posix_tz("IST-2IDT,M3.4.4/26,M10.5.0");
  ASSERT_TRUE(jerusalem.has_value());
  EXPECT_EQ(jerusalem->start.time, hours(26));

  std::optional<PosixTz> kolkata = parse_posix_tz("IST-5:30");
  ASSERT_TRUE(kolkata.has_value());
  EXPECT_EQ(kolkata->standard, minutes(330));
  EXPECT_FALSE(kolkata->daylight.has_value());

  std::optional<PosixTz> quoted = parse_posix_tz("<-03>3");
  ASSERT_TRUE(quoted.has_value());
  EXPECT_EQ(quoted->standard, hours(-3));

  std::optional<PosixTz> lord_howe = parse_posix_tz("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0");
  ASSERT_TRUE(lord_howe.has_value());
  EXPECT_EQ(lord_howe->daylight, hours(11));
}

TEST(PosixTzTest, RejectsWhatItCannotEvaluate) {
  EXPECT_FALSE(parse_posix_tz("").has_value());
  EXPECT_FALSE(parse_posix_tz("CET").has_value());
  EXPECT_FALSE(parse_posix_tz("CET-1CEST").has_value());  // Daylight time without rules.
  EXPECT_FALSE(parse_posix_tz("EST5EDT,J60,J300").has_value());
  EXPECT_FALSE(parse_posix_tz("CET-1CEST,M13.5.0,M10.5.0").has_value());
  EXPECT_FALSE(parse_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3x").has_value());
  EXPECT_FALSE(parse_posix_tz("<CET-1").has_value());
}

TEST(PosixTzTest, ExtendsANorthernZoneAfterItsLastTransition) {
  core::ZoneRules zone;
  zone.initial_offset = hours(1);
  zone.changes = {{utc(2037, 3, 29, 1), hours(2)}, {utc(2037, 10, 25, 1), hours(1)}};
  extend_with_rule(zone, *parse_posix_tz("CET-1CEST,M3.5.0,M10.5.0/3"), 2040);
  ASSERT_EQ(zone.changes.size(), 8u);
  EXPECT_EQ(zone.changes[2].at, utc(2038, 3, 28, 1));
  EXPECT_EQ(zone.changes[6].at, utc(2040, 3, 25, 1));
  EXPECT_EQ(zone.changes[6].offset, hours(2));
  EXPECT_EQ(zone.changes[7].at, utc(2040, 10, 28, 1));
  EXPECT_EQ(zone.changes[7].offset, hours(1));
}

TEST(PosixTzTest, ExtendsASouthernZoneWhoseDaylightTimeSpansNewYear) {
  core::ZoneRules zone;
  zone.initial_offset = hours(11);
  zone.changes = {{utc(2025, 10, 4, 16), hours(11)}};
  extend_with_rule(zone, *parse_posix_tz("AEST-10AEDT,M10.1.0,M4.1.0/3"), 2026);
  ASSERT_EQ(zone.changes.size(), 3u);
  EXPECT_EQ(zone.changes[1].at, utc(2026, 4, 4, 16));
  EXPECT_EQ(zone.changes[1].offset, hours(10));
  EXPECT_EQ(zone.changes[2].at, utc(2026, 10, 3, 16));
  EXPECT_EQ(zone.changes[2].offset, hours(11));
}

TEST(PosixTzTest, AFixedOffsetRuleAddsNothing) {
  core::ZoneRules zone;
  zone.initial_offset = seconds(19800);
  extend_with_rule(zone, *parse_posix_tz("IST-5:30"), 2100);
  EXPECT_TRUE(zone.changes.empty());
}

}  // namespace
}  // namespace drover::tz
