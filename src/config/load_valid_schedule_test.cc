// Valid schedule keys read into ScheduleSpec (issue #9).
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

// A copy: callers pass a temporary LoadResult.
core::ServiceSpec only_service(const LoadResult& result) {
  EXPECT_TRUE(result.errors.empty()) << test::error_lines(result).front();
  return result.model ? result.model->services.at(0) : core::ServiceSpec{};
}

TEST(LoadScheduleTest, ReadsEveryScheduleKey) {
  LoadResult result = test::load(R"(services:
  engine:
    command: bots-engine
    schedule: "*/5 * * * *"
    timezone: Europe/Berlin
    concurrency: replace
    starting_deadline: 30s
    max_runtime: 10m
)");
  core::ServiceSpec spec = only_service(result);
  EXPECT_TRUE(spec.schedule.scheduled());
  EXPECT_EQ(spec.schedule.cron, "*/5 * * * *");
  EXPECT_EQ(spec.schedule.expression, *core::parse_cron("*/5 * * * *"));
  EXPECT_EQ(spec.schedule.timezone, "Europe/Berlin");
  EXPECT_EQ(spec.schedule.concurrency, core::ConcurrencyPolicy::Replace);
  EXPECT_EQ(spec.schedule.starting_deadline, std::chrono::seconds(30));
  EXPECT_EQ(spec.schedule.max_runtime, std::chrono::minutes(10));
}

TEST(LoadScheduleTest, AScheduleImpliesAOneshotThatIsNotRestarted) {
  core::ServiceSpec spec =
      only_service(test::load("services:\n  job:\n    command: x\n    schedule: '@every 90s'\n"));
  EXPECT_EQ(spec.type, core::ServiceType::Oneshot);
  EXPECT_EQ(spec.restart, core::RestartPolicy::Never);
  EXPECT_EQ(spec.schedule.concurrency, core::ConcurrencyPolicy::Forbid);
  EXPECT_EQ(spec.schedule.timezone, "");
  EXPECT_EQ(spec.schedule.expression.every, std::chrono::seconds(90));
}

TEST(LoadScheduleTest, ExplicitOneshotAndRestartAreKept) {
  core::ServiceSpec spec = only_service(
      test::load("services:\n  job:\n    command: x\n    type: oneshot\n    restart: on-failure\n"
                 "    schedule: '@hourly'\n    concurrency: allow\n"));
  EXPECT_EQ(spec.type, core::ServiceType::Oneshot);
  EXPECT_EQ(spec.restart, core::RestartPolicy::OnFailure);
  EXPECT_EQ(spec.schedule.concurrency, core::ConcurrencyPolicy::Allow);
}

TEST(LoadScheduleTest, UnscheduledServicesAreUnchanged) {
  core::ServiceSpec spec = only_service(test::load("services:\n  web:\n    command: x\n"));
  EXPECT_FALSE(spec.schedule.scheduled());
  EXPECT_EQ(spec.type, core::ServiceType::Longrun);
}

}  // namespace
}  // namespace drover::config
