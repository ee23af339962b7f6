#include "base/duration.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace drover {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

// The parsed value, or a sentinel that makes a failed parse show in the message.
Duration parsed(std::string_view text) {
  Result<Duration> result = parse_duration(text);
  EXPECT_TRUE(result.has_value()) << "\"" << text << "\": " << result.error().to_string();
  return result ? *result : Duration{-424242};
}

TEST(DurationTest, ParsesEachUnit) {
  EXPECT_EQ(parsed("500ms"), milliseconds(500));
  EXPECT_EQ(parsed("10s"), seconds(10));
  EXPECT_EQ(parsed("2m"), minutes(2));
  EXPECT_EQ(parsed("1h"), hours(1));
  EXPECT_EQ(parsed("1d"), hours(24));
}

TEST(DurationTest, ParsesBareZeroAndZeroWithUnit) {
  EXPECT_EQ(parsed("0"), Duration{0});
  EXPECT_EQ(parsed("0s"), Duration{0});
  EXPECT_EQ(parsed("0ms"), Duration{0});
}

TEST(DurationTest, ParsesCompoundDurations) {
  EXPECT_EQ(parsed("1h30m"), minutes(90));
  EXPECT_EQ(parsed("1m30s"), seconds(90));
  EXPECT_EQ(parsed("2h3m4s5ms"), hours(2) + minutes(3) + seconds(4) + milliseconds(5));
}

TEST(DurationTest, CompoundPartsMayRepeatOrComeInAnyOrder) {
  // Lenient like Go's time.ParseDuration: the parts are summed.
  EXPECT_EQ(parsed("1s1s"), seconds(2));
  EXPECT_EQ(parsed("30m1h"), minutes(90));
}

TEST(DurationTest, ParsesFractions) {
  EXPECT_EQ(parsed("1.5s"), milliseconds(1500));
  EXPECT_EQ(parsed("0.25s"), milliseconds(250));
  EXPECT_EQ(parsed(".5s"), milliseconds(500));
  EXPECT_EQ(parsed("1.5h"), minutes(90));
  EXPECT_EQ(parsed("1.s"), seconds(1));
}

TEST(DurationTest, RoundsFractionsOfAMillisecondToNearest) {
  EXPECT_EQ(parsed("1.0004s"), milliseconds(1000));
  EXPECT_EQ(parsed("1.0006s"), milliseconds(1001));
  EXPECT_EQ(parsed("0.4ms"), milliseconds(0));
}

TEST(DurationTest, RejectsBareNumbersOtherThanZero) {
  EXPECT_FALSE(parse_duration("10"));
  EXPECT_FALSE(parse_duration("00"));
  EXPECT_FALSE(parse_duration("1s5"));
}

TEST(DurationTest, RejectsMalformedText) {
  for (std::string_view text :
       {"", "5x", "s", "ms", "10 s", " 10s", "10s ", "10sec", "10S", "-1s", "+1s", ".s", "1..5s",
        "1.2.3s", "1e3s", "1hs", "1h 30m", "abc", "1,5s"}) {
    EXPECT_FALSE(parse_duration(text)) << "\"" << text << "\"";
  }
}

TEST(DurationTest, ErrorNamesTheTextAndTheExpectedForm) {
  Result<Duration> result = parse_duration("5x");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::InvalidArgument);
  EXPECT_EQ(result.error().message,
            "invalid duration \"5x\"; expected a number with a unit: 500ms, 10s, 2m, 1h");
}

TEST(DurationTest, AcceptsAboutThreeHundredYears) {
  EXPECT_EQ(parsed("10000000000000ms"), milliseconds(10'000'000'000'000));
  EXPECT_EQ(parsed("2777h"), hours(2777));
}

TEST(DurationTest, RejectsValuesThatWouldOverflowTimers) {
  EXPECT_FALSE(parse_duration("10000000000001ms"));
  EXPECT_FALSE(parse_duration("99999999999999999999h"));
  EXPECT_FALSE(parse_duration("9223372036854775808ms"));
}

TEST(DurationTest, RejectsNumbersTooLongForADoubleWithoutThrowing) {
  EXPECT_FALSE(parse_duration(std::string(400, '9') + "s"));
}

TEST(DurationTest, FormatsZero) { EXPECT_EQ(format_duration(Duration{0}), "0s"); }

TEST(DurationTest, FormatsSubSecondValuesInMilliseconds) {
  EXPECT_EQ(format_duration(milliseconds(1)), "1ms");
  EXPECT_EQ(format_duration(milliseconds(250)), "250ms");
  EXPECT_EQ(format_duration(milliseconds(999)), "999ms");
}

TEST(DurationTest, FormatsFractionalSecondsWithoutTrailingZeros) {
  EXPECT_EQ(format_duration(milliseconds(1500)), "1.5s");
  EXPECT_EQ(format_duration(milliseconds(1001)), "1.001s");
  EXPECT_EQ(format_duration(milliseconds(1250)), "1.25s");
  EXPECT_EQ(format_duration(milliseconds(59999)), "59.999s");
}

TEST(DurationTest, FormatsWholeUnitsShortestFirst) {
  EXPECT_EQ(format_duration(seconds(1)), "1s");
  EXPECT_EQ(format_duration(seconds(60)), "1m");
  EXPECT_EQ(format_duration(seconds(90)), "1m30s");
  EXPECT_EQ(format_duration(minutes(90)), "1h30m");
  EXPECT_EQ(format_duration(hours(1) + seconds(5)), "1h5s");
  EXPECT_EQ(format_duration(hours(48)), "48h");
}

TEST(DurationTest, FormatsFractionsAboveAMinuteExactly) {
  EXPECT_EQ(format_duration(milliseconds(61500)), "1m1.5s");
  EXPECT_EQ(format_duration(hours(1) + milliseconds(500)), "1h0.5s");
}

TEST(DurationTest, FormatsNegativeValuesWithASign) {
  EXPECT_EQ(format_duration(milliseconds(-1500)), "-1.5s");
  EXPECT_EQ(format_duration(milliseconds(-250)), "-250ms");
  EXPECT_EQ(format_duration(Duration::min()), "-2562047788015h12m55.808s");
}

TEST(DurationTest, FormattedDurationsParseBackToTheSameValue) {
  for (int64_t ms : {1LL, 7LL, 999LL, 1000LL, 1001LL, 1500LL, 59999LL, 60000LL, 61500LL, 3599999LL,
                     3600000LL, 3600500LL, 5400000LL, 86400000LL, 90061001LL}) {
    Duration d{ms};
    EXPECT_EQ(parsed(format_duration(d)), d) << format_duration(d);
  }
}

}  // namespace
}  // namespace drover
