#include "core/schedule_run.h"

#include <gtest/gtest.h>

namespace drover::core {
namespace {

using std::chrono::seconds;

ScheduleSpec schedule(ConcurrencyPolicy policy, Duration deadline = Duration{0}) {
  ScheduleSpec spec;
  spec.cron = "@every 2s";
  spec.concurrency = policy;
  spec.starting_deadline = deadline;
  return spec;
}

TEST(DecideRun, StartsWhenNothingRuns) {
  for (ConcurrencyPolicy policy :
       {ConcurrencyPolicy::Forbid, ConcurrencyPolicy::Allow, ConcurrencyPolicy::Replace}) {
    EXPECT_EQ(decide_run(schedule(policy), false, Duration{0}).decision, RunDecision::Start);
  }
}

TEST(DecideRun, ForbidSkipsWhileThePreviousRuns) {
  RunVerdict verdict = decide_run(schedule(ConcurrencyPolicy::Forbid), true, Duration{0});
  EXPECT_EQ(verdict.decision, RunDecision::Skip);
  EXPECT_EQ(verdict.reason, "skipped: previous run still running");
}

TEST(DecideRun, AllowStartsAnotherRunBesideThePrevious) {
  EXPECT_EQ(decide_run(schedule(ConcurrencyPolicy::Allow), true, Duration{0}).decision,
            RunDecision::Beside);
}

TEST(DecideRun, AllowStillSkipsRunsPastTheStartingDeadline) {
  EXPECT_EQ(decide_run(schedule(ConcurrencyPolicy::Allow, seconds(5)), true, seconds(6)).decision,
            RunDecision::Skip);
}

TEST(DescribeBesideResult, JudgesTheExitByTheServicesSuccessCodes) {
  ServiceSpec spec;
  spec.success_exit_codes = {0, 3};
  spec.schedule.max_runtime = std::chrono::seconds(90);
  EXPECT_EQ(describe_beside_result(spec, ExitStatus{0, 0}, "", false), "completed (exit status 0)");
  EXPECT_EQ(describe_beside_result(spec, ExitStatus{3, 0}, "", false), "completed (exit status 3)");
  EXPECT_EQ(describe_beside_result(spec, ExitStatus{1, 0}, "", false), "failed (exit status 1)");
  EXPECT_EQ(describe_beside_result(spec, ExitStatus{0, 9}, "", false),
            "failed (killed by signal 9)");
  EXPECT_EQ(describe_beside_result(spec, ExitStatus{0, 15}, "", true),
            "killed: max_runtime 1m30s exceeded");
  EXPECT_EQ(describe_beside_result(spec, std::nullopt, "no such file", false),
            "failed to start: no such file");
}

TEST(DecideRun, ReplaceStopsThePrevious) {
  EXPECT_EQ(decide_run(schedule(ConcurrencyPolicy::Replace), true, Duration{0}).decision,
            RunDecision::Replace);
}

TEST(DecideRun, StartingDeadlineSkipsLateRuns) {
  ScheduleSpec spec = schedule(ConcurrencyPolicy::Replace, seconds(30));
  EXPECT_EQ(decide_run(spec, false, seconds(30)).decision, RunDecision::Start);
  RunVerdict late = decide_run(spec, true, seconds(31));
  EXPECT_EQ(late.decision, RunDecision::Skip);
  EXPECT_EQ(late.reason, "skipped: could not start within starting_deadline 30s (31s late)");
}

TEST(DecideRun, NoDeadlineNeverSkipsForLateness) {
  EXPECT_EQ(decide_run(schedule(ConcurrencyPolicy::Forbid), false, seconds(86400)).decision,
            RunDecision::Start);
}

TEST(DescribeRunResult, SaysWhatHappened) {
  ScheduleSpec spec = schedule(ConcurrencyPolicy::Forbid);
  spec.max_runtime = std::chrono::minutes(10);
  ServiceStatus status;
  status.state = State::Exited;
  status.reason = "completed (exit status 0)";
  EXPECT_EQ(describe_run_result(spec, status, false), "completed (exit status 0)");
  status.state = State::Fatal;
  status.reason = "failed (exit status 3)";
  EXPECT_EQ(describe_run_result(spec, status, false), "failed (exit status 3)");
  status.state = State::Stopped;
  status.last_exit = ExitStatus{0, 15};
  EXPECT_EQ(describe_run_result(spec, status, false), "stopped");
  EXPECT_EQ(describe_run_result(spec, status, true), "killed: max_runtime 10m exceeded");
}

}  // namespace
}  // namespace drover::core
