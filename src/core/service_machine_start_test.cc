// Starting a longrun: the start period, failed starts, back-off and FATAL.
#include "core/service_machine.h"
#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

namespace drover::core::testing {
namespace {

using std::chrono::milliseconds;

TEST_F(ServiceMachineTest, StartAsksForASpawn) {
  EXPECT_EQ(start(0), (Actions{"spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.want, Want::Up);
  EXPECT_TRUE(status_.spawn_pending);
  EXPECT_EQ(status_.pid, 0);
  EXPECT_EQ(status_.reason, "");
}

TEST_F(ServiceMachineTest, SpawnSuccessArmsTheStartPeriod) {
  start(0);
  EXPECT_EQ(spawned(10, 100), (Actions{"arm StartPeriod 1s"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.pid, 100);
  EXPECT_FALSE(status_.spawn_pending);
  EXPECT_EQ(status_.started_at, at(10));
}

TEST_F(ServiceMachineTest, StayingUpForTheStartPeriodMeansRunning) {
  start(0);
  spawned(10, 100);
  EXPECT_EQ(start_period_elapsed(1010), Actions{});
  EXPECT_EQ(state(), State::Running);
  EXPECT_EQ(status_.pid, 100);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_EQ(status_.reason, "");
}

TEST_F(ServiceMachineTest, StartPeriodUsesTheSpecValue) {
  spec_.start_period = milliseconds(2500);
  start(0);
  EXPECT_EQ(spawned(10), (Actions{"arm StartPeriod 2.5s"}));
}

TEST_F(ServiceMachineTest, ZeroStartPeriodIsRunningAsSoonAsTheSpawnSucceeds) {
  spec_.start_period = milliseconds(0);
  start(0);
  EXPECT_EQ(spawned(10, 100), Actions{});
  EXPECT_EQ(state(), State::Running);
  EXPECT_EQ(status_.pid, 100);
}

TEST_F(ServiceMachineTest, StartWhileStartingOrRunningChangesNothing) {
  start(0);
  ServiceStatus before = status_;
  EXPECT_EQ(start(5), Actions{});
  EXPECT_EQ(status_, before);
  run(100);
  before = status_;
  EXPECT_EQ(start(5000), Actions{});
  EXPECT_EQ(status_, before);
}

TEST_F(ServiceMachineTest, ExitBeforeStartPeriodEntersBackoff) {
  start(0);
  spawned(10, 100);
  EXPECT_EQ(exited(500, 1), (Actions{"cancel StartPeriod", "arm Backoff 1s"}));
  EXPECT_EQ(state(), State::Backoff);
  EXPECT_EQ(status_.want, Want::Up);
  EXPECT_EQ(status_.pid, 0);
  EXPECT_EQ(status_.failed_attempts, 1);
  EXPECT_EQ(status_.last_exit, (ExitStatus{1, 0}));
  EXPECT_EQ(status_.stopped_at, at(500));
  EXPECT_EQ(status_.reason, "exited too quickly (exit status 1); retrying in 1s");
}

TEST_F(ServiceMachineTest, ExitWithASuccessCodeBeforeStartPeriodIsStillAFailedStart) {
  start(0);
  spawned(10);
  EXPECT_EQ(exited(500, 0), (Actions{"cancel StartPeriod", "arm Backoff 1s"}));
  EXPECT_EQ(status_.reason, "exited too quickly (exit status 0); retrying in 1s");
}

TEST_F(ServiceMachineTest, DeathBySignalBeforeStartPeriodIsAFailedStart) {
  start(0);
  spawned(10);
  killed(500, 9);
  EXPECT_EQ(state(), State::Backoff);
  EXPECT_EQ(status_.reason, "exited too quickly (killed by signal 9); retrying in 1s");
}

TEST_F(ServiceMachineTest, FailedStartsBackOffOneTwoFourSecondsThenGoFatal) {
  start(0);
  int64_t t = 0;
  const char* delays[] = {"1s", "2s", "4s"};
  for (int attempt = 1; attempt <= 3; ++attempt) {
    spawned(t + 10, 100 + attempt);
    EXPECT_EQ(exited(t + 500, 1),
              (Actions{"cancel StartPeriod", std::string("arm Backoff ") + delays[attempt - 1]}));
    EXPECT_EQ(state(), State::Backoff);
    EXPECT_EQ(status_.failed_attempts, attempt);
    EXPECT_EQ(status_.reason, std::string("exited too quickly (exit status 1); retrying in ") +
                                  delays[attempt - 1]);
    t += 10000;
    EXPECT_EQ(backoff_elapsed(t), (Actions{"spawn"}));
    EXPECT_EQ(state(), State::Starting);
    EXPECT_EQ(status_.reason, "");
  }
  spawned(t + 10, 200);
  EXPECT_EQ(exited(t + 500, 1), (Actions{"cancel StartPeriod"}));
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_EQ(status_.failed_attempts, 4);
  EXPECT_EQ(status_.want, Want::Up);
  EXPECT_EQ(status_.reason, "exited too quickly (exit status 1); gave up after 4 attempts");
}

TEST_F(ServiceMachineTest, ZeroStartRetriesGoesFatalAfterTheFirstFailure) {
  spec_.start_retries = 0;
  start(0);
  spawned(10);
  EXPECT_EQ(exited(500, 2), (Actions{"cancel StartPeriod"}));
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_EQ(status_.reason, "exited too quickly (exit status 2); gave up after 1 attempt");
}

TEST_F(ServiceMachineTest, OneStartRetryGivesUpAfterTwoAttempts) {
  spec_.start_retries = 1;
  start(0);
  spawned(10);
  exited(500, 1);
  backoff_elapsed(1500);
  spawned(1510);
  exited(2000, 1);
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_EQ(status_.reason, "exited too quickly (exit status 1); gave up after 2 attempts");
}

TEST_F(ServiceMachineTest, ReachingRunningResetsTheFailureCount) {
  start(0);
  spawned(10);
  exited(500, 1);
  backoff_elapsed(1500);
  spawned(1510, 101);
  start_period_elapsed(2510);
  EXPECT_EQ(state(), State::Running);
  EXPECT_EQ(status_.failed_attempts, 0);
  // A later failed start backs off from one second again.
  exited(9000, 1);
  spawned(9010, 102);
  EXPECT_EQ(exited(9100, 1), (Actions{"cancel StartPeriod", "arm Backoff 1s"}));
}

TEST_F(ServiceMachineTest, SpawnFailureBacksOffWithTheRuntimesReason) {
  start(0);
  EXPECT_EQ(spawn_failed(5, "exec /usr/bin/web: Permission denied"), (Actions{"arm Backoff 1s"}));
  EXPECT_EQ(state(), State::Backoff);
  EXPECT_FALSE(status_.spawn_pending);
  EXPECT_EQ(status_.pid, 0);
  EXPECT_EQ(status_.failed_attempts, 1);
  EXPECT_EQ(status_.last_exit, std::nullopt);
  EXPECT_EQ(status_.reason, "exec /usr/bin/web: Permission denied; retrying in 1s");
}

TEST_F(ServiceMachineTest, RepeatedSpawnFailuresGoFatal) {
  start(0);
  int64_t t = 0;
  for (const char* delay : {"1s", "2s", "4s"}) {
    EXPECT_EQ(spawn_failed(t + 5), (Actions{std::string("arm Backoff ") + delay}));
    t += 10000;
    EXPECT_EQ(backoff_elapsed(t), (Actions{"spawn"}));
  }
  EXPECT_EQ(spawn_failed(t + 5), Actions{});
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_EQ(status_.reason, "exec /usr/bin/web: Permission denied; gave up after 4 attempts");
}

TEST_F(ServiceMachineTest, StartDuringBackoffStartsAtOnceWithAFreshCount) {
  start(0);
  spawned(10);
  exited(500, 1);
  EXPECT_EQ(start(700), (Actions{"cancel Backoff", "spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_TRUE(status_.spawn_pending);
}

TEST_F(ServiceMachineTest, StartAfterFatalGetsEveryRetryAgain) {
  spec_.start_retries = 0;
  start(0);
  spawn_failed(5);
  ASSERT_EQ(state(), State::Fatal);
  EXPECT_EQ(start(1000), (Actions{"spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_EQ(status_.reason, "");
}

TEST_F(ServiceMachineTest, BackoffDelayIsCappedAtSixtySeconds) {
  spec_.start_retries = 10;
  start(0);
  for (int attempt = 1; attempt <= 9; ++attempt) {
    spawn_failed(attempt * 100000);
    backoff_elapsed(attempt * 100000 + 50);
  }
  EXPECT_EQ(spawn_failed(1000000), (Actions{"arm Backoff 1m"}));
  EXPECT_EQ(status_.failed_attempts, 10);
  EXPECT_EQ(status_.reason, "exec /usr/bin/web: Permission denied; retrying in 60s");
}

}  // namespace
}  // namespace drover::core::testing
