// A process ending on its own: restart policies for longruns that reached
// RUNNING, crash loops, and oneshots.
#include "core/service_machine.h"
#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

namespace drover::core::testing {
namespace {

TEST_F(ServiceMachineTest, AlwaysRestartsAfterASuccessfulExitAtOnce) {
  run(0, 100);
  EXPECT_EQ(exited(5000, 0), (Actions{"spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_TRUE(status_.spawn_pending);
  EXPECT_EQ(status_.pid, 0);
  EXPECT_EQ(status_.restarts, 1);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_EQ(status_.last_exit, (ExitStatus{0, 0}));
  EXPECT_EQ(status_.stopped_at, at(5000));
  EXPECT_EQ(status_.reason, "restarted after exit status 0");
}

TEST_F(ServiceMachineTest, AlwaysRestartsAfterAFailureOrASignal) {
  run(0);
  EXPECT_EQ(exited(5000, 3), (Actions{"spawn"}));
  EXPECT_EQ(status_.reason, "restarted after exit status 3");
  spawned(5010);
  start_period_elapsed(6010);
  EXPECT_EQ(killed(9000, 11), (Actions{"spawn"}));
  EXPECT_EQ(status_.reason, "restarted after killed by signal 11");
  EXPECT_EQ(status_.restarts, 2);
}

TEST_F(ServiceMachineTest, OnFailureLeavesASuccessfulExitExited) {
  spec_.restart = RestartPolicy::OnFailure;
  run(0);
  EXPECT_EQ(exited(5000, 0), Actions{});
  EXPECT_EQ(state(), State::Exited);
  EXPECT_EQ(status_.want, Want::Up);
  EXPECT_EQ(status_.pid, 0);
  EXPECT_EQ(status_.restarts, 0);
  EXPECT_EQ(status_.reason, "exit status 0 (expected)");
}

TEST_F(ServiceMachineTest, OnFailureRestartsAfterAFailureCode) {
  spec_.restart = RestartPolicy::OnFailure;
  run(0);
  EXPECT_EQ(exited(5000, 1), (Actions{"spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.restarts, 1);
}

TEST_F(ServiceMachineTest, OnFailureRestartsAfterASignal) {
  spec_.restart = RestartPolicy::OnFailure;
  run(0);
  EXPECT_EQ(killed(5000, 15), (Actions{"spawn"}));
  EXPECT_EQ(status_.reason, "restarted after killed by signal 15");
}

TEST_F(ServiceMachineTest, OnFailureHonoursSuccessExitCodes) {
  spec_.restart = RestartPolicy::OnFailure;
  spec_.success_exit_codes = {0, 3};
  run(0);
  EXPECT_EQ(exited(5000, 3), Actions{});
  EXPECT_EQ(state(), State::Exited);
  EXPECT_EQ(status_.reason, "exit status 3 (expected)");
}

TEST_F(ServiceMachineTest, OnFailureWithoutZeroInSuccessCodesRestartsOnZero) {
  spec_.restart = RestartPolicy::OnFailure;
  spec_.success_exit_codes = {3};
  run(0);
  EXPECT_EQ(exited(5000, 0), (Actions{"spawn"}));
}

TEST_F(ServiceMachineTest, NeverLeavesEveryExitExitedAndSaysWhetherItWasExpected) {
  spec_.restart = RestartPolicy::Never;
  run(0);
  EXPECT_EQ(exited(5000, 1), Actions{});
  EXPECT_EQ(state(), State::Exited);
  EXPECT_EQ(status_.reason, "exit status 1 (unexpected)");

  start(6000);
  spawned(6010);
  start_period_elapsed(7010);
  EXPECT_EQ(killed(8000, 9), Actions{});
  EXPECT_EQ(status_.reason, "killed by signal 9 (unexpected)");

  start(9000);
  spawned(9010);
  start_period_elapsed(10010);
  EXPECT_EQ(exited(11000, 0), Actions{});
  EXPECT_EQ(status_.reason, "exit status 0 (expected)");
}

TEST_F(ServiceMachineTest, CrashLoopFromRunningRestartsImmediatelyAndCountsRestarts) {
  run(0, 100);
  int64_t t = 2000;
  for (int crash = 1; crash <= 5; ++crash) {
    EXPECT_EQ(exited(t, 1), (Actions{"spawn"})) << "no back-off after crash " << crash;
    EXPECT_EQ(status_.restarts, crash);
    EXPECT_EQ(status_.failed_attempts, 0);
    spawned(t + 1, 100 + crash);
    start_period_elapsed(t + 1001);
    ASSERT_EQ(state(), State::Running);
    t += 2000;
  }
}

TEST_F(ServiceMachineTest, CrashBeforeTheStartPeriodAfterARestartBacksOff) {
  run(0);
  exited(5000, 1);
  spawned(5001);
  EXPECT_EQ(exited(5100, 1), (Actions{"cancel StartPeriod", "arm Backoff 1s"}));
  EXPECT_EQ(state(), State::Backoff);
  EXPECT_EQ(status_.restarts, 1);
}

TEST_F(ServiceMachineTest, StartAfterExitedSpawnsAndKeepsTheRestartCount) {
  run(0);
  exited(2000, 1);  // restart always: restarts = 1
  spawned(2001);
  start_period_elapsed(3001);
  spec_.restart = RestartPolicy::Never;
  exited(4000, 0);
  ASSERT_EQ(state(), State::Exited);
  EXPECT_EQ(start(5000), (Actions{"spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.restarts, 1);
}

class OneshotTest : public ServiceMachineTest {
 protected:
  OneshotTest() { spec_ = oneshot_spec(); }
};

TEST_F(OneshotTest, StaysStartingWhileItRunsWithoutAStartPeriod) {
  EXPECT_EQ(start(0), (Actions{"spawn"}));
  EXPECT_EQ(spawned(10, 300), Actions{});
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.pid, 300);
  EXPECT_EQ(start_period_elapsed(1010), Actions{});
  EXPECT_EQ(state(), State::Starting);
}

TEST_F(OneshotTest, SuccessIsExitedAndCompleted) {
  start(0);
  spawned(10);
  EXPECT_EQ(exited(4000, 0), Actions{});
  EXPECT_EQ(state(), State::Exited);
  EXPECT_TRUE(status_.completed);
  EXPECT_EQ(status_.pid, 0);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_EQ(status_.reason, "completed (exit status 0)");
}

TEST_F(OneshotTest, SuccessCodesCountAsCompletion) {
  spec_.success_exit_codes = {0, 2};
  start(0);
  spawned(10);
  exited(4000, 2);
  EXPECT_EQ(state(), State::Exited);
  EXPECT_TRUE(status_.completed);
  EXPECT_EQ(status_.reason, "completed (exit status 2)");
}

TEST_F(OneshotTest, SuccessIsNotRestartedEvenWithRestartAlways) {
  spec_.restart = RestartPolicy::Always;
  start(0);
  spawned(10);
  EXPECT_EQ(exited(4000, 0), Actions{});
  EXPECT_EQ(state(), State::Exited);
}

TEST_F(OneshotTest, FailureWithRestartNeverIsFatalAtOnce) {
  start(0);
  spawned(10);
  EXPECT_EQ(exited(4000, 1), Actions{});
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_FALSE(status_.completed);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_EQ(status_.last_exit, (ExitStatus{1, 0}));
  EXPECT_EQ(status_.reason, "failed (exit status 1)");
}

TEST_F(OneshotTest, DeathBySignalIsAFailure) {
  start(0);
  spawned(10);
  killed(4000, 9);
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_EQ(status_.reason, "failed (killed by signal 9)");
}

TEST_F(OneshotTest, FailureWithOnFailureRetriesWithBackoffThenGoesFatal) {
  spec_.restart = RestartPolicy::OnFailure;
  start(0);
  int64_t t = 0;
  for (const char* delay : {"1s", "2s", "4s"}) {
    spawned(t + 10);
    EXPECT_EQ(exited(t + 100, 1), (Actions{std::string("arm Backoff ") + delay}));
    EXPECT_EQ(state(), State::Backoff);
    EXPECT_EQ(status_.reason, std::string("failed (exit status 1); retrying in ") + delay);
    t += 10000;
    EXPECT_EQ(backoff_elapsed(t), (Actions{"spawn"}));
  }
  spawned(t + 10);
  EXPECT_EQ(exited(t + 100, 1), Actions{});
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_EQ(status_.reason, "failed (exit status 1); gave up after 4 attempts");
}

TEST_F(OneshotTest, RetryThatSucceedsCompletesAndResetsTheCount) {
  spec_.restart = RestartPolicy::Always;
  start(0);
  spawned(10);
  exited(100, 1);
  backoff_elapsed(1100);
  spawned(1110);
  exited(1200, 0);
  EXPECT_EQ(state(), State::Exited);
  EXPECT_TRUE(status_.completed);
  EXPECT_EQ(status_.failed_attempts, 0);
}

TEST_F(OneshotTest, SpawnFailureBacksOffEvenWithRestartNever) {
  start(0);
  EXPECT_EQ(spawn_failed(5, "exec /usr/bin/migrate: No such file or directory"),
            (Actions{"arm Backoff 1s"}));
  EXPECT_EQ(state(), State::Backoff);
  EXPECT_EQ(status_.reason, "exec /usr/bin/migrate: No such file or directory; retrying in 1s");
}

TEST_F(OneshotTest, StartingItAgainClearsCompleted) {
  start(0);
  spawned(10);
  exited(100, 0);
  ASSERT_TRUE(status_.completed);
  EXPECT_EQ(start(5000), (Actions{"spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_FALSE(status_.completed);
}

}  // namespace
}  // namespace drover::core::testing
