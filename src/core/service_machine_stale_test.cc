// Events that arrive after they stopped applying: timers that fire just after
// a cancel, and spawn answers without a pending spawn. None may change a
// status or cause an action.
#include "core/service_machine.h"
#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

namespace drover::core::testing {
namespace {

// Feeds `body` and expects neither a change nor an action.
#define EXPECT_IGNORED(body, ms)                             \
  do {                                                       \
    ServiceStatus before = status_;                          \
    EXPECT_EQ(feed(body, ms), Actions{}) << #body;           \
    EXPECT_EQ(status_, before) << #body << " changed state"; \
  } while (false)

TEST_F(ServiceMachineTest, StartPeriodTimerAfterAnEarlyExitIsIgnored) {
  start(0);
  spawned(10);
  exited(500, 1);
  ASSERT_EQ(state(), State::Backoff);
  EXPECT_IGNORED(StartPeriodElapsed{}, 1010);
}

TEST_F(ServiceMachineTest, StartPeriodTimerDuringAPendingRespawnIsIgnored) {
  start(0);
  spawned(10);
  exited(500, 1);
  backoff_elapsed(1500);
  ASSERT_EQ(state(), State::Starting);
  ASSERT_TRUE(status_.spawn_pending);
  EXPECT_IGNORED(StartPeriodElapsed{}, 1510);
  EXPECT_EQ(state(), State::Starting);
}

TEST_F(ServiceMachineTest, StartPeriodTimerWhenRunningOrStoppingIsIgnored) {
  run(0);
  EXPECT_IGNORED(StartPeriodElapsed{}, 2000);
  stop(3000);
  EXPECT_IGNORED(StartPeriodElapsed{}, 3001);
}

TEST_F(ServiceMachineTest, StopTimeoutAfterTheExitIsIgnored) {
  run(0);
  stop(5000);
  killed(5100, 15);
  ASSERT_EQ(state(), State::Stopped);
  EXPECT_IGNORED(StopTimeoutElapsed{}, 15000);
}

TEST_F(ServiceMachineTest, StopTimeoutAfterARestartIsIgnored) {
  run(0);
  stop(5000);
  start(5001);
  killed(5100, 15);
  ASSERT_EQ(state(), State::Starting);
  EXPECT_IGNORED(StopTimeoutElapsed{}, 15000);
  spawned(15001);
  start_period_elapsed(16001);
  EXPECT_IGNORED(StopTimeoutElapsed{}, 16002);
}

TEST_F(ServiceMachineTest, StopTimeoutWhileTheSpawnIsPendingSendsNoSigkill) {
  start(0);
  stop(5);
  ASSERT_TRUE(status_.spawn_pending);
  EXPECT_IGNORED(StopTimeoutElapsed{}, 10005);
}

TEST_F(ServiceMachineTest, BackoffTimerAfterAStopIsIgnored) {
  start(0);
  spawned(10);
  exited(500, 1);
  stop(600);
  EXPECT_IGNORED(BackoffElapsed{}, 1500);
}

TEST_F(ServiceMachineTest, BackoffTimerAfterAnEarlyStartDoesNotSpawnTwice) {
  start(0);
  spawned(10);
  exited(500, 1);
  start(600);
  ASSERT_EQ(state(), State::Starting);
  EXPECT_IGNORED(BackoffElapsed{}, 1500);
  spawned(1501);
  EXPECT_IGNORED(BackoffElapsed{}, 1502);
}

TEST_F(ServiceMachineTest, SecondSpawnSuccessIsIgnored) {
  start(0);
  spawned(10, 100);
  EXPECT_IGNORED((SpawnSucceeded{999}), 20);
  EXPECT_EQ(status_.pid, 100);
  start_period_elapsed(1010);
  EXPECT_IGNORED((SpawnSucceeded{999}), 1020);
}

TEST_F(ServiceMachineTest, SpawnFailureAfterASuccessIsIgnored) {
  start(0);
  spawned(10, 100);
  EXPECT_IGNORED((SpawnFailed{"late"}), 20);
  EXPECT_EQ(state(), State::Starting);
}

TEST_F(ServiceMachineTest, SpawnAnswersWhileStoppingARunningProcessAreIgnored) {
  run(0, 100);
  stop(5000);
  EXPECT_IGNORED((SpawnSucceeded{999}), 5001);
  EXPECT_IGNORED((SpawnFailed{"late"}), 5002);
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(stop_timeout_elapsed(15000), (Actions{"signal KILL to group"}));
}

TEST_F(ServiceMachineTest, ExitWithoutAProcessIsIgnored) {
  EXPECT_IGNORED((ProcessExited{ExitStatus{1, 0}}), 0);
  start(0);
  spawned(10);
  exited(500, 1);
  ASSERT_EQ(state(), State::Backoff);
  EXPECT_IGNORED((ProcessExited{ExitStatus{1, 0}}), 600);
}

}  // namespace
}  // namespace drover::core::testing
