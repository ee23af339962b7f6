// Readiness (ready: notify | fd) and restarts of broken processes
// (FailureDetected: failed health checks, missed watchdog).
#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

namespace drover::core::testing {
namespace {

class ReadyTest : public ServiceMachineTest {
 protected:
  ReadyTest() { spec_.ready.kind = ReadinessKind::Notify; }
  Actions ready(int64_t ms) { return feed(ReadyNotified{}, ms); }
  Actions broken(int64_t ms) { return feed(FailureDetected{"health check failed 3 times"}, ms); }
};

TEST_F(ReadyTest, StaysStartingWithoutAStartPeriodTimerUntilReady) {
  start(0);
  EXPECT_EQ(spawned(10), Actions{});
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(start_period_elapsed(5000), Actions{});
  EXPECT_EQ(state(), State::Starting);
  ready(6000);
  EXPECT_EQ(state(), State::Running);
  EXPECT_EQ(status_.failed_attempts, 0);
}

TEST_F(ReadyTest, ReadyBeforeTheSpawnIsConfirmedCountsAtTheConfirmation) {
  start(0);
  ready(5);
  EXPECT_EQ(state(), State::Starting);
  EXPECT_TRUE(status_.ready);
  spawned(10);
  EXPECT_EQ(state(), State::Running);
}

TEST_F(ReadyTest, ANewSpawnForgetsTheOldReadiness) {
  start(0);
  spawned(10);
  ready(20);
  exited(30, 1);  // Restart policy always: respawn at once.
  EXPECT_EQ(state(), State::Starting);
  EXPECT_FALSE(status_.ready);
  spawned(40);
  EXPECT_EQ(state(), State::Starting);
}

TEST_F(ReadyTest, ExitBeforeReadyIsAFailedStart) {
  start(0);
  spawned(10);
  EXPECT_EQ(exited(5000, 1), (Actions{"cancel StartPeriod", "arm Backoff 1s"}));
  EXPECT_EQ(state(), State::Backoff);
}

TEST_F(ReadyTest, ReadyIsIgnoredWithoutReadiness) {
  spec_.ready.kind = ReadinessKind::None;
  start(0);
  spawned(10);
  ready(20);
  EXPECT_EQ(state(), State::Starting);
  EXPECT_FALSE(status_.ready);
}

TEST_F(ReadyTest, BrokenProcessIsRestartedThroughTheStopPath) {
  start(0);
  spawned(10, 100);
  ready(20);
  EXPECT_EQ(broken(9000),
            (Actions{"cancel StartPeriod", "signal TERM to group", "arm StopTimeout 10s"}));
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(status_.want, Want::Up);
  EXPECT_EQ(status_.restarts, 1);
  EXPECT_EQ(status_.reason, "restarting: health check failed 3 times");
  EXPECT_EQ(killed(9100, 15), (Actions{"cancel StopTimeout", "spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_EQ(status_.restart_reason, "health check failed 3 times");
}

TEST_F(ReadyTest, BrokenIsIgnoredWhileStoppingOrWantedDown) {
  start(0);
  spawned(10);
  ready(20);
  stop(30);
  EXPECT_EQ(broken(40), Actions{});
  EXPECT_EQ(status_.restarts, 0);
}

TEST_F(ReadyTest, BrokenIsIgnoredForAOneshot) {
  spec_ = oneshot_spec();
  start(0);
  spawned(10);
  EXPECT_EQ(broken(40), Actions{});
  EXPECT_EQ(state(), State::Starting);
}

}  // namespace
}  // namespace drover::core::testing
