#include "core/health.h"

#include <gtest/gtest.h>

#include <chrono>

namespace drover::core {
namespace {

using std::chrono::seconds;

const TimePoint kStart{seconds(1000)};

HealthSpec spec_with(int retries, int success_threshold = 1, Duration start_period = Duration{0}) {
  HealthSpec spec;
  spec.kind = ProbeKind::Exec;
  spec.retries = retries;
  spec.success_threshold = success_threshold;
  spec.start_period = start_period;
  return spec;
}

// Feeds results one second apart from kStart+1s and returns the last verdict.
HealthVerdict feed(const HealthSpec& spec, HealthStatus& status, std::string_view results,
                   int first_second = 1) {
  HealthVerdict verdict;
  int second = first_second;
  for (char result : results) {
    verdict = on_probe(spec, status, result == '+', kStart, kStart + seconds(second++));
    status = verdict.status;
  }
  return verdict;
}

TEST(HealthTest, StartsInStarting) {
  HealthStatus status;
  EXPECT_EQ(status.health, Health::Starting);
  EXPECT_EQ(health_name(status.health), "starting");
}

TEST(HealthTest, OnePassMakesHealthyWithThresholdOne) {
  HealthStatus status;
  HealthVerdict verdict = feed(spec_with(3), status, "+");
  EXPECT_EQ(status.health, Health::Healthy);
  EXPECT_TRUE(verdict.became_healthy);
  EXPECT_TRUE(status.ever_healthy);
}

TEST(HealthTest, SuccessThresholdNeedsConsecutivePasses) {
  HealthStatus status;
  feed(spec_with(3, 3), status, "++-++");
  EXPECT_EQ(status.health, Health::Starting);
  HealthVerdict verdict = feed(spec_with(3, 3), status, "+", 6);
  EXPECT_EQ(status.health, Health::Healthy);
  EXPECT_TRUE(verdict.became_healthy);
}

TEST(HealthTest, BecameHealthyOnlyOnTheTransition) {
  HealthStatus status;
  feed(spec_with(3), status, "+");
  HealthVerdict verdict = feed(spec_with(3), status, "+", 2);
  EXPECT_FALSE(verdict.became_healthy);
  EXPECT_EQ(status.consecutive_successes, 2);
}

TEST(HealthTest, RetriesConsecutiveFailuresMakeUnhealthyAndAskForRestart) {
  HealthStatus status;
  HealthVerdict verdict = feed(spec_with(3), status, "+--");
  EXPECT_EQ(status.health, Health::Healthy);
  EXPECT_FALSE(verdict.restart);
  verdict = feed(spec_with(3), status, "-", 4);
  EXPECT_EQ(status.health, Health::Unhealthy);
  EXPECT_TRUE(verdict.became_unhealthy);
  EXPECT_TRUE(verdict.restart);
  EXPECT_EQ(status.consecutive_failures, 3);
}

TEST(HealthTest, APassInBetweenResetsTheFailureCount) {
  HealthStatus status;
  feed(spec_with(3), status, "+--+--");
  EXPECT_EQ(status.health, Health::Healthy);
  EXPECT_EQ(status.consecutive_failures, 2);
}

TEST(HealthTest, LaterFailuresDoNotAskAgain) {
  HealthStatus status;
  feed(spec_with(2), status, "--");
  HealthVerdict verdict = feed(spec_with(2), status, "-", 3);
  EXPECT_EQ(status.health, Health::Unhealthy);
  EXPECT_FALSE(verdict.restart);
  EXPECT_FALSE(verdict.became_unhealthy);
  EXPECT_EQ(status.consecutive_failures, 3);
}

TEST(HealthTest, OnFailureNoneNeverAsksForRestart) {
  HealthSpec spec = spec_with(1);
  spec.on_failure = HealthFailureAction::None;
  HealthStatus status;
  HealthVerdict verdict = feed(spec, status, "-");
  EXPECT_EQ(status.health, Health::Unhealthy);
  EXPECT_TRUE(verdict.became_unhealthy);
  EXPECT_FALSE(verdict.restart);
}

TEST(HealthTest, ZeroRetriesCountsAsOne) {
  HealthStatus status;
  feed(spec_with(0), status, "-");
  EXPECT_EQ(status.health, Health::Unhealthy);
  EXPECT_EQ(failure_limit(spec_with(0)), 1);
}

TEST(HealthTest, UnhealthyRecoversAfterThreshold) {
  HealthStatus status;
  HealthSpec spec = spec_with(1, 2);
  feed(spec, status, "-+");
  EXPECT_EQ(status.health, Health::Unhealthy);
  HealthVerdict verdict = feed(spec, status, "+", 3);
  EXPECT_EQ(status.health, Health::Healthy);
  EXPECT_TRUE(verdict.became_healthy);
}

TEST(HealthTest, FailuresInsideStartPeriodDoNotCount) {
  HealthStatus status;
  HealthSpec spec = spec_with(1, 1, seconds(5));
  feed(spec, status, "----");  // Seconds 1..4, inside the period.
  EXPECT_EQ(status.health, Health::Starting);
  EXPECT_EQ(status.consecutive_failures, 0);
  HealthVerdict verdict = feed(spec, status, "-", 5);  // At exactly 5s the period is over.
  EXPECT_EQ(status.health, Health::Unhealthy);
  EXPECT_TRUE(verdict.restart);
}

TEST(HealthTest, APassInsideStartPeriodEndsIt) {
  HealthStatus status;
  HealthSpec spec = spec_with(1, 1, seconds(60));
  feed(spec, status, "+");
  HealthVerdict verdict = feed(spec, status, "-", 2);
  EXPECT_EQ(status.health, Health::Unhealthy);
  EXPECT_TRUE(verdict.became_unhealthy);
}

TEST(HealthTest, StartPeriodCountsFromTheProcessStart) {
  HealthStatus status;
  HealthSpec spec = spec_with(2, 1, seconds(3));
  feed(spec, status, "--", 2);  // 2s inside, 3s outside: one counted failure.
  EXPECT_EQ(status.consecutive_failures, 1);
  EXPECT_EQ(status.health, Health::Starting);
}

TEST(HealthTest, UnhealthyReasonQuotesTheFirstLineOfOutput) {
  EXPECT_EQ(unhealthy_reason(3, "connection refused\nmore"),
            "health check failed 3 times: connection refused");
  EXPECT_EQ(unhealthy_reason(1, ""), "health check failed 1 time");
}

}  // namespace
}  // namespace drover::core
