#include "core/restart_policy.h"

#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>

namespace drover::core::testing {
namespace {

using std::chrono::seconds;

ServiceSpec spec_with(RestartPolicy restart, std::vector<int> success_codes = {0}) {
  ServiceSpec spec = longrun_spec();
  spec.restart = restart;
  spec.success_exit_codes = std::move(success_codes);
  return spec;
}

ExitStatus code(int c) { return ExitStatus{c, 0}; }
ExitStatus signal(int s) { return ExitStatus{0, s}; }

TEST(RestartPolicyTest, ExitCodeZeroIsSuccessByDefault) {
  ServiceSpec spec = longrun_spec();
  EXPECT_TRUE(is_success(spec, code(0)));
  EXPECT_FALSE(is_success(spec, code(1)));
  EXPECT_FALSE(is_success(spec, code(255)));
}

TEST(RestartPolicyTest, SuccessCodesReplaceTheDefault) {
  ServiceSpec spec = spec_with(RestartPolicy::OnFailure, {2, 3});
  EXPECT_FALSE(is_success(spec, code(0)));
  EXPECT_TRUE(is_success(spec, code(2)));
  EXPECT_TRUE(is_success(spec, code(3)));
  EXPECT_FALSE(is_success(spec, code(4)));
}

TEST(RestartPolicyTest, NoSuccessCodesMeansEveryExitIsAFailure) {
  ServiceSpec spec = spec_with(RestartPolicy::OnFailure, {});
  EXPECT_FALSE(is_success(spec, code(0)));
}

TEST(RestartPolicyTest, DeathBySignalIsNeverSuccess) {
  ServiceSpec spec = longrun_spec();
  EXPECT_FALSE(is_success(spec, signal(15)));
  EXPECT_FALSE(is_success(spec, signal(9)));
  // Even with a code that would count: a signal wins.
  EXPECT_FALSE(is_success(spec, ExitStatus{0, 15}));
}

TEST(RestartPolicyTest, AlwaysRestartsAfterAnyEnd) {
  ServiceSpec spec = spec_with(RestartPolicy::Always);
  EXPECT_TRUE(should_restart(spec, code(0)));
  EXPECT_TRUE(should_restart(spec, code(1)));
  EXPECT_TRUE(should_restart(spec, signal(9)));
}

TEST(RestartPolicyTest, OnFailureRestartsOnlyAfterFailures) {
  ServiceSpec spec = spec_with(RestartPolicy::OnFailure, {0, 2});
  EXPECT_FALSE(should_restart(spec, code(0)));
  EXPECT_FALSE(should_restart(spec, code(2)));
  EXPECT_TRUE(should_restart(spec, code(1)));
  EXPECT_TRUE(should_restart(spec, signal(15)));
  EXPECT_TRUE(should_restart(spec, signal(9)));
}

TEST(RestartPolicyTest, NeverRestarts) {
  ServiceSpec spec = spec_with(RestartPolicy::Never);
  EXPECT_FALSE(should_restart(spec, code(0)));
  EXPECT_FALSE(should_restart(spec, code(1)));
  EXPECT_FALSE(should_restart(spec, signal(9)));
}

TEST(RestartPolicyTest, BackoffDoublesFromOneSecond) {
  EXPECT_EQ(backoff_delay(1), seconds(1));
  EXPECT_EQ(backoff_delay(2), seconds(2));
  EXPECT_EQ(backoff_delay(3), seconds(4));
  EXPECT_EQ(backoff_delay(4), seconds(8));
  EXPECT_EQ(backoff_delay(5), seconds(16));
  EXPECT_EQ(backoff_delay(6), seconds(32));
}

TEST(RestartPolicyTest, BackoffIsCappedAtSixtySeconds) {
  EXPECT_EQ(kMaxBackoff, seconds(60));
  for (int failures = 7; failures <= 20; ++failures) {
    EXPECT_EQ(backoff_delay(failures), seconds(60)) << failures;
  }
}

TEST(RestartPolicyTest, BackoffNeverDecreasesAndNeverExceedsTheCap) {
  Duration previous{0};
  for (int failures = 1; failures <= 20; ++failures) {
    Duration delay = backoff_delay(failures);
    EXPECT_GE(delay, previous) << failures;
    EXPECT_LE(delay, kMaxBackoff) << failures;
    previous = delay;
  }
}

TEST(RestartPolicyTest, BackoffOfHugeCountsStaysAtTheCapWithoutOverflow) {
  EXPECT_EQ(backoff_delay(64), seconds(60));
  EXPECT_EQ(backoff_delay(1000), seconds(60));
  EXPECT_EQ(backoff_delay(std::numeric_limits<int>::max()), seconds(60));
}

TEST(RestartPolicyTest, BackoffBelowOneFailureIsOneSecond) {
  // Outside the contract (failures >= 1), but PID 1 must not misbehave.
  EXPECT_EQ(backoff_delay(0), seconds(1));
  EXPECT_EQ(backoff_delay(-5), seconds(1));
  EXPECT_EQ(backoff_delay(std::numeric_limits<int>::min()), seconds(1));
}

}  // namespace
}  // namespace drover::core::testing
