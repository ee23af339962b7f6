#include "core/health_summary.h"

#include <gtest/gtest.h>

namespace drover::core {
namespace {

ServiceView longrun(std::string name, State state, std::string health = "") {
  ServiceView view;
  view.name = std::move(name);
  view.type = "longrun";
  view.state = state;
  view.health = std::move(health);
  return view;
}

ServiceView oneshot(std::string name, State state) {
  ServiceView view = longrun(std::move(name), state);
  view.type = "oneshot";
  return view;
}

TEST(HealthSummaryTest, EmptyStackIsHealthy) { EXPECT_TRUE(summarize_health({}).healthy); }

TEST(HealthSummaryTest, RunningLongrunsWithAndWithoutProbesAreHealthy) {
  HealthSummary summary =
      summarize_health({longrun("web", State::Running, "healthy"),
                        longrun("worker", State::Running), oneshot("migrate", State::Exited)});
  EXPECT_TRUE(summary.healthy);
  EXPECT_TRUE(summary.reasons.empty());
}

TEST(HealthSummaryTest, ALongrunNotRunningIsAReason) {
  ServiceView scheduler = longrun("scheduler", State::Backoff);
  scheduler.description = "exited too quickly (exit status 1); retrying in 1s";
  HealthSummary summary = summarize_health({longrun("web", State::Running), scheduler});
  EXPECT_FALSE(summary.healthy);
  EXPECT_EQ(summary.reasons, std::vector<std::string>{"scheduler is BACKOFF: exited too quickly "
                                                      "(exit status 1); retrying in 1s"});
}

TEST(HealthSummaryTest, UnhealthyAndStartingProbesAreReasons) {
  ServiceView web = longrun("web", State::Running, "unhealthy");
  web.health_output = "HTTP 500";
  HealthSummary summary = summarize_health({web, longrun("api", State::Running, "starting")});
  EXPECT_EQ(summary.reasons, (std::vector<std::string>{"web is unhealthy: HTTP 500",
                                                       "api has not passed its health check yet"}));
}

TEST(HealthSummaryTest, ManualServicesCountOnlyWhenRequiredAndFailed) {
  ServiceView manual = longrun("debug", State::Stopped);
  manual.autostart = false;
  EXPECT_TRUE(summarize_health({manual}).healthy);
  manual.required = true;
  manual.state = State::Fatal;
  EXPECT_EQ(summarize_health({manual}).reasons,
            std::vector<std::string>{"debug is required and FATAL"});
}

TEST(HealthSummaryTest, RequiredOneshotThatFailedIsAReason) {
  ServiceView job = oneshot("migrate", State::Fatal);
  job.required = true;
  job.description = "failed (exit status 2)";
  EXPECT_EQ(summarize_health({job}).reasons,
            std::vector<std::string>{"migrate is required and failed: failed (exit status 2)"});
  job.required = false;
  EXPECT_TRUE(summarize_health({job}).healthy);
}

TEST(HealthSummaryTest, OneService) {
  EXPECT_TRUE(service_health(longrun("web", State::Running, "healthy")).healthy);
  EXPECT_EQ(service_health(longrun("web", State::Stopped)).reasons,
            std::vector<std::string>{"web is STOPPED"});
  EXPECT_TRUE(service_health(oneshot("migrate", State::Exited)).healthy);
  EXPECT_FALSE(service_health(oneshot("migrate", State::Fatal)).healthy);
}

}  // namespace
}  // namespace drover::core
