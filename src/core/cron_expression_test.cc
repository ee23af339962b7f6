// parse_cron: every field form of crontab(5), names, 7 = Sunday, the
// macros, @every, and the exact error messages.
#include "core/cron_expression.h"

#include <gtest/gtest.h>

#include <initializer_list>

namespace drover::core {
namespace {

uint64_t bits(std::initializer_list<int> values) {
  uint64_t out = 0;
  for (int v : values) {
    out |= uint64_t{1} << v;
  }
  return out;
}

uint64_t span(int low, int high, int step = 1) {
  uint64_t out = 0;
  for (int v = low; v <= high; v += step) {
    out |= uint64_t{1} << v;
  }
  return out;
}

CronExpression parse_ok(const std::string& text) {
  Result<CronExpression> cron = parse_cron(text);
  EXPECT_TRUE(cron.has_value()) << text << ": " << (cron ? "" : cron.error().message);
  return cron ? *cron : CronExpression{};
}

std::string error_of(const std::string& text) {
  Result<CronExpression> cron = parse_cron(text);
  return cron ? "(parsed)" : cron.error().message;
}

TEST(CronExpressionTest, StarsMeanEveryValue) {
  CronExpression cron = parse_ok("* * * * *");
  EXPECT_EQ(cron.minutes, span(0, 59));
  EXPECT_EQ(cron.hours, span(0, 23));
  EXPECT_EQ(cron.days, span(1, 31));
  EXPECT_EQ(cron.months, span(1, 12));
  EXPECT_EQ(cron.weekdays, span(0, 6));
  EXPECT_TRUE(cron.minute_star && cron.hour_star && cron.day_star && cron.weekday_star);
  EXPECT_FALSE(cron.is_interval());
}

TEST(CronExpressionTest, NumbersRangesListsAndSteps) {
  CronExpression cron = parse_ok("5 1-3 1,15,31 */3 1-5/2");
  EXPECT_EQ(cron.minutes, bits({5}));
  EXPECT_EQ(cron.hours, bits({1, 2, 3}));
  EXPECT_EQ(cron.days, bits({1, 15, 31}));
  EXPECT_EQ(cron.months, bits({1, 4, 7, 10}));
  EXPECT_EQ(cron.weekdays, bits({1, 3, 5}));
  EXPECT_FALSE(cron.minute_star || cron.hour_star || cron.day_star || cron.weekday_star);
  EXPECT_TRUE(cron.months != 0);
}

TEST(CronExpressionTest, StepForms) {
  EXPECT_EQ(parse_ok("*/15 * * * *").minutes, bits({0, 15, 30, 45}));
  EXPECT_EQ(parse_ok("10-50/20 * * * *").minutes, bits({10, 30, 50}));
  // "a/n" runs from a to the field's maximum (cronie).
  EXPECT_EQ(parse_ok("5/20 * * * *").minutes, bits({5, 25, 45}));
  EXPECT_EQ(parse_ok("* */7 * * *").hours, bits({0, 7, 14, 21}));
  EXPECT_EQ(parse_ok("* * */10 * *").days, bits({1, 11, 21, 31}));
  EXPECT_EQ(parse_ok("*/60 * * * *").minutes, bits({0}));
  EXPECT_EQ(parse_ok("* * * * */7").weekdays, bits({0}));
  EXPECT_EQ(parse_ok("0-59/1 * * * *").minutes, span(0, 59));
  EXPECT_TRUE(parse_ok("*/5 * * * *").minute_star);
  EXPECT_FALSE(parse_ok("0-59/5 * * * *").minute_star);
}

TEST(CronExpressionTest, ListsMixForms) {
  EXPECT_EQ(parse_ok("1,2,10-12,*/30 * * * *").minutes, bits({0, 1, 2, 10, 11, 12, 30}));
  EXPECT_EQ(parse_ok("0 0 * jan,mar-may,Dec *").months, bits({1, 3, 4, 5, 12}));
}

TEST(CronExpressionTest, MonthAndWeekdayNamesAnyCase) {
  EXPECT_EQ(parse_ok("0 0 * JAN-DEC *").months, span(1, 12));
  EXPECT_EQ(parse_ok("0 0 * Feb *").months, bits({2}));
  EXPECT_EQ(parse_ok("0 0 * * MON-FRI").weekdays, span(1, 5));
  EXPECT_EQ(parse_ok("0 0 * * sun,Sat").weekdays, bits({0, 6}));
  EXPECT_EQ(parse_ok("0 0 * * tue/2").weekdays, bits({2, 4, 6}));
}

TEST(CronExpressionTest, SevenIsSunday) {
  EXPECT_EQ(parse_ok("0 0 * * 7").weekdays, bits({0}));
  EXPECT_EQ(parse_ok("0 0 * * 5-7").weekdays, bits({0, 5, 6}));
  EXPECT_EQ(parse_ok("0 0 * * 0-7").weekdays, span(0, 6));
  EXPECT_EQ(parse_ok("0 0 * * */2").weekdays, bits({0, 2, 4, 6}));
  // "a/n" runs to 7, which is Sunday again.
  EXPECT_EQ(parse_ok("0 0 * * 7/4").weekdays, bits({0}));
  EXPECT_EQ(parse_ok("0 0 * * 5/2").weekdays, bits({0, 5}));
}

TEST(CronExpressionTest, MacrosStandForTheirFields) {
  EXPECT_EQ(parse_ok("@yearly"), parse_ok("0 0 1 1 *"));
  EXPECT_EQ(parse_ok("@annually"), parse_ok("0 0 1 1 *"));
  EXPECT_EQ(parse_ok("@monthly"), parse_ok("0 0 1 * *"));
  EXPECT_EQ(parse_ok("@weekly"), parse_ok("0 0 * * 0"));
  EXPECT_EQ(parse_ok("@daily"), parse_ok("0 0 * * *"));
  EXPECT_EQ(parse_ok("@midnight"), parse_ok("0 0 * * *"));
  EXPECT_EQ(parse_ok("@hourly"), parse_ok("0 * * * *"));
  EXPECT_EQ(parse_ok("  @HOURLY "), parse_ok("0 * * * *"));
  EXPECT_TRUE(parse_ok("@hourly").is_wildcard());
  EXPECT_FALSE(parse_ok("@daily").is_wildcard());
}

TEST(CronExpressionTest, EveryTakesADuration) {
  EXPECT_EQ(parse_ok("@every 90s").every, std::chrono::seconds(90));
  EXPECT_EQ(parse_ok("@every 5m").every, std::chrono::seconds(300));
  EXPECT_EQ(parse_ok("@every 1h30m").every, std::chrono::seconds(5400));
  EXPECT_TRUE(parse_ok("@every 1s").is_interval());
}

TEST(CronExpressionTest, TabsAndRepeatedSpacesSeparateFields) {
  EXPECT_EQ(parse_ok(" 0\t0  * *   * "), parse_ok("0 0 * * *"));
}

struct BadCase {
  const char* text;
  const char* message;
};

TEST(CronExpressionTest, ErrorsNameTheFieldAndTheToken) {
  const BadCase cases[] = {
      {"", "empty schedule"},
      {"* * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 4"},
      {"* * * * * *", "expected 5 fields (minute hour day-of-month month day-of-week), got 6"},
      {"61 * * * *", "minute field: 61 is out of range 0-59"},
      {"* 24 * * *", "hour field: 24 is out of range 0-23"},
      {"* * 0 * *", "day-of-month field: 0 is out of range 1-31"},
      {"* * 32 * *", "day-of-month field: 32 is out of range 1-31"},
      {"* * * 13 *", "month field: 13 is out of range 1-12"},
      {"* * * 0 *", "month field: 0 is out of range 1-12"},
      {"* * * * 8", "day-of-week field: 8 is out of range 0-7"},
      {"x * * * *", "minute field: \"x\" is not a number"},
      {"* * * janu *",
       "month field: \"janu\" is not a number or a name (jan-dec); did you mean \"jan\"?"},
      {"* * * * mon-fry",
       "day-of-week field: \"fry\" is not a number or a name (sun-sat); did you mean \"fri\"?"},
      {"* * * * 1-", "day-of-week field: missing number"},
      {"30-10 * * * *",
       "minute field: range \"30-10\" is backwards (cron ranges do not wrap "
       "around)"},
      {"*/0 * * * *", "minute field: step \"0\" in \"*/0\" must be a number from 1 to 60"},
      {"*/x * * * *", "minute field: step \"x\" in \"*/x\" must be a number from 1 to 60"},
      {"1,,2 * * * *", "minute field: empty entry in \"1,,2\""},
      {"1, * * * *", "minute field: empty entry in \"1,\""},
      {"0 0 30 feb *",
       "day-of-month field: day \"30\" never occurs in month \"feb\", so the schedule would "
       "never run"},
      {"0 0 31 4,6,9,11 *",
       "day-of-month field: day \"31\" never occurs in month \"4,6,9,11\", so the schedule "
       "would never run"},
      {"@hourlyy",
       "unknown schedule \"@hourlyy\"; expected 5 cron fields, @every DURATION or "
       "one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly; "
       "did you mean \"@hourly\"?"},
      {"@daily 5", "@daily takes no arguments"},
      {"@reboot", "@reboot is not a schedule; a oneshot service without one runs at start"},
      {"@every",
       "@every: invalid duration \"\"; expected a number with a unit: 500ms, 10s, 2m, 1h"},
      {"*/61 * * * *", "minute field: step \"61\" in \"*/61\" must be a number from 1 to 60"},
      {"@every 366d", "@every: \"366d\" must be a whole number of seconds from 1s to 365d"},
      {"@every 0s", "@every: \"0s\" must be a whole number of seconds from 1s to 365d"},
      {"@every 1500ms", "@every: \"1500ms\" must be a whole number of seconds from 1s to 365d"},
  };
  for (const BadCase& c : cases) {
    EXPECT_EQ(error_of(c.text), c.message) << "input: " << c.text;
  }
}

TEST(CronExpressionTest, FebruaryTwentyNinthIsPossible) {
  EXPECT_EQ(parse_ok("0 0 29 2 *").days, bits({29}));
  // With both day fields restricted the weekday alone can match (OR rule).
  EXPECT_EQ(parse_ok("0 0 30 2 mon").weekdays, bits({1}));
}

}  // namespace
}  // namespace drover::core
