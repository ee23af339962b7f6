// TzDatabase against the real system tz database (Debian's tzdata), and
// next_run with the rules it reads: the same answers as the hand-written
// zones in core/cron_schedule_dst_test.cc.
#include "tz/tz_database.h"

#include "core/cron_expression.h"
#include "core/cron_schedule.h"

#include <gtest/gtest.h>

namespace drover::tz {
namespace {

using std::chrono::hours;

core::Instant utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  return core::Instant(std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(mo) /
                                             std::chrono::day(d))) +
         hours(h) + std::chrono::minutes(mi);
}

core::ZoneRules load_or_fail(const std::string& name) {
  Result<core::ZoneRules> zone = TzDatabase().load(name);
  EXPECT_TRUE(zone.has_value()) << name << ": " << (zone ? "" : zone.error().message);
  return zone ? *zone : core::ZoneRules{};
}

TEST(TzDatabaseTest, BerlinChangesOnTheLastSundaysOfMarchAndOctober) {
  core::ZoneRules berlin = load_or_fail("Europe/Berlin");
  core::ZoneRules::Period summer = berlin.period_at(utc(2026, 7, 1));
  EXPECT_EQ(summer.start, utc(2026, 3, 29, 1));
  EXPECT_EQ(summer.end, utc(2026, 10, 25, 1));
  EXPECT_EQ(summer.offset, hours(2));
  EXPECT_EQ(summer.previous_offset, hours(1));
  EXPECT_EQ(berlin.period_at(utc(2026, 12, 1)).offset, hours(1));
}

TEST(TzDatabaseTest, TheFooterRuleCoversYearsAfterTheListedTransitions) {
  // Debian's files list transitions to 2037; 2040 comes from the footer.
  core::ZoneRules berlin = load_or_fail("Europe/Berlin");
  core::ZoneRules::Period summer = berlin.period_at(utc(2040, 7, 1));
  EXPECT_EQ(summer.start, utc(2040, 3, 25, 1));
  EXPECT_EQ(summer.end, utc(2040, 10, 28, 1));
  EXPECT_EQ(summer.offset, hours(2));
}

TEST(TzDatabaseTest, NewYorkChangesInMarchAndNovember) {
  core::ZoneRules new_york = load_or_fail("America/New_York");
  core::ZoneRules::Period summer = new_york.period_at(utc(2026, 7, 1));
  EXPECT_EQ(summer.start, utc(2026, 3, 8, 7));
  EXPECT_EQ(summer.end, utc(2026, 11, 1, 6));
  EXPECT_EQ(summer.offset, hours(-4));
}

TEST(TzDatabaseTest, NextRunWithTheRealBerlinRules) {
  core::ZoneRules berlin = load_or_fail("Europe/Berlin");
  Result<core::CronExpression> at_two_thirty = core::parse_cron("30 2 * * *");
  ASSERT_TRUE(at_two_thirty.has_value());
  // In the spring gap: at its end. In the autumn overlap: the first pass only.
  EXPECT_EQ(core::next_run(*at_two_thirty, utc(2026, 3, 28, 12), berlin), utc(2026, 3, 29, 1));
  EXPECT_EQ(core::next_run(*at_two_thirty, utc(2026, 10, 25, 0, 30), berlin),
            utc(2026, 10, 26, 1, 30));
}

TEST(TzDatabaseTest, UtcNeedsNoDatabase) {
  TzDatabase nowhere("/nonexistent/zoneinfo");
  ASSERT_TRUE(nowhere.load("UTC").has_value());
  EXPECT_TRUE(nowhere.load("").has_value());
  EXPECT_TRUE(nowhere.load("UTC")->changes.empty());
  EXPECT_EQ(nowhere.load("Europe/Berlin").error().message,
            "unknown time zone \"Europe/Berlin\" (no file /nonexistent/zoneinfo/Europe/Berlin; "
            "the tz database comes from the tzdata package)");
}

TEST(TzDatabaseTest, UnknownAndInvalidNames) {
  TzDatabase db;
  EXPECT_FALSE(db.exists("Europe/Berln"));
  EXPECT_FALSE(db.exists("Europe"));  // A directory, not a zone.
  EXPECT_TRUE(db.exists("Europe/Berlin"));
  EXPECT_EQ(db.load("../../etc/passwd").error().message,
            "invalid time zone name \"../../etc/passwd\"; expected an IANA name such as "
            "Europe/Berlin");
  EXPECT_FALSE(is_valid_zone_name("/etc/localtime"));
  EXPECT_FALSE(is_valid_zone_name("Europe//Berlin"));
  EXPECT_FALSE(is_valid_zone_name("Europe/Berlin/"));
  EXPECT_TRUE(is_valid_zone_name("Etc/GMT+5"));
  EXPECT_TRUE(is_valid_zone_name("America/Argentina/Buenos_Aires"));
}

}  // namespace
}  // namespace drover::tz
