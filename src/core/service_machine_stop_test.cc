// Stopping: from each state, with a spawn still in flight, escalation to
// SIGKILL, restart (stop then start), and where the stop signal goes.
#include "core/service_machine.h"
#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

namespace drover::core::testing {
namespace {

using std::chrono::milliseconds;

const Actions kStopActions = {"cancel StartPeriod", "signal TERM to group", "arm StopTimeout 10s"};

TEST_F(ServiceMachineTest, StopWhileRunningSignalsTheGroupAndArmsTheTimeout) {
  run(0, 100);
  EXPECT_EQ(stop(5000), kStopActions);
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(status_.want, Want::Down);
  EXPECT_EQ(status_.pid, 100);
  EXPECT_EQ(status_.reason, "stopping");
}

TEST_F(ServiceMachineTest, ExitAfterTheStopSignalIsStopped) {
  run(0, 100);
  stop(5000);
  EXPECT_EQ(killed(5100, 15), (Actions{"cancel StopTimeout"}));
  EXPECT_EQ(state(), State::Stopped);
  EXPECT_EQ(status_.want, Want::Down);
  EXPECT_EQ(status_.pid, 0);
  EXPECT_EQ(status_.last_exit, (ExitStatus{0, 15}));
  EXPECT_EQ(status_.stopped_at, at(5100));
  EXPECT_EQ(status_.reason, "stopped");
  EXPECT_EQ(status_.restarts, 0);
}

TEST_F(ServiceMachineTest, AnyExitWhileStoppingIsStoppedNotAFailure) {
  run(0);
  stop(5000);
  EXPECT_EQ(exited(5100, 1), (Actions{"cancel StopTimeout"}));
  EXPECT_EQ(state(), State::Stopped);
  EXPECT_EQ(status_.failed_attempts, 0);
}

TEST_F(ServiceMachineTest, StopWhileStartingCancelsTheStartPeriod) {
  start(0);
  spawned(10, 100);
  EXPECT_EQ(stop(500), kStopActions);
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(killed(600, 15), (Actions{"cancel StopTimeout"}));
  EXPECT_EQ(state(), State::Stopped);
}

TEST_F(ServiceMachineTest, StopDuringBackoffCancelsTheRetry) {
  start(0);
  spawned(10);
  exited(500, 1);
  ASSERT_EQ(state(), State::Backoff);
  EXPECT_EQ(stop(700), (Actions{"cancel Backoff"}));
  EXPECT_EQ(state(), State::Stopped);
  EXPECT_EQ(status_.want, Want::Down);
  EXPECT_EQ(status_.reason, "stopped");
}

TEST_F(ServiceMachineTest, StopWhenAlreadyStoppedOnlyNotesTheWish) {
  EXPECT_EQ(stop(0), Actions{});
  EXPECT_EQ(state(), State::Stopped);
  EXPECT_EQ(status_.want, Want::Down);
}

TEST_F(ServiceMachineTest, StopWhenExitedOrFatalOnlyNotesTheWish) {
  spec_.restart = RestartPolicy::Never;
  run(0);
  exited(5000, 0);
  EXPECT_EQ(stop(6000), Actions{});
  EXPECT_EQ(state(), State::Exited);
  EXPECT_EQ(status_.want, Want::Down);

  spec_.start_retries = 0;
  start(7000);
  spawn_failed(7005);
  ASSERT_EQ(state(), State::Fatal);
  EXPECT_EQ(stop(8000), Actions{});
  EXPECT_EQ(state(), State::Fatal);
  EXPECT_EQ(status_.want, Want::Down);
}

TEST_F(ServiceMachineTest, SecondStopWhileStoppingSendsNothingMore) {
  run(0);
  stop(5000);
  ServiceStatus before = status_;
  EXPECT_EQ(stop(5001), Actions{});
  EXPECT_EQ(status_, before);
}

TEST_F(ServiceMachineTest, StopWithTheSpawnInFlightWaitsToSignal) {
  start(0);
  EXPECT_EQ(stop(5), (Actions{"cancel StartPeriod"}));
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_TRUE(status_.spawn_pending);
  EXPECT_EQ(status_.want, Want::Down);
}

TEST_F(ServiceMachineTest, SpawnSuccessAfterAStopSendsTheSignalLate) {
  start(0);
  stop(5);
  EXPECT_EQ(spawned(10, 100), (Actions{"signal TERM to group", "arm StopTimeout 10s"}));
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(status_.pid, 100);
  EXPECT_FALSE(status_.spawn_pending);
  EXPECT_EQ(status_.started_at, at(10));
  EXPECT_EQ(killed(50, 15), (Actions{"cancel StopTimeout"}));
  EXPECT_EQ(state(), State::Stopped);
}

TEST_F(ServiceMachineTest, SpawnFailureAfterAStopFinishesTheStop) {
  start(0);
  stop(5);
  EXPECT_EQ(spawn_failed(10), Actions{});
  EXPECT_EQ(state(), State::Stopped);
  EXPECT_FALSE(status_.spawn_pending);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_EQ(status_.reason, "stopped");
}

TEST_F(ServiceMachineTest, StopTimeoutSendsSigkillToTheGroup) {
  run(0, 100);
  stop(5000);
  EXPECT_EQ(stop_timeout_elapsed(15000), (Actions{"signal KILL to group"}));
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(status_.reason, "did not stop within its stop_timeout; sent SIGKILL");
  EXPECT_EQ(killed(15010, 9), (Actions{"cancel StopTimeout"}));
  EXPECT_EQ(state(), State::Stopped);
  EXPECT_EQ(status_.last_exit, (ExitStatus{0, 9}));
}

TEST_F(ServiceMachineTest, StopSignalAndTimeoutComeFromTheSpec) {
  spec_.stop_signal = 2;  // SIGINT
  spec_.stop_timeout = milliseconds(2500);
  run(0);
  EXPECT_EQ(stop(5000),
            (Actions{"cancel StartPeriod", "signal INT to group", "arm StopTimeout 2.5s"}));
}

TEST_F(ServiceMachineTest, StopTargetProcessSignalsOnlyTheMainProcess) {
  spec_.stop_target = SignalTarget::Process;
  run(0);
  EXPECT_EQ(stop(5000),
            (Actions{"cancel StartPeriod", "signal TERM to process", "arm StopTimeout 10s"}));
  // The late signal after a pending spawn uses the same target.
  start(6000);
  killed(6001, 15);
  ASSERT_EQ(state(), State::Starting);
  EXPECT_EQ(stop(6002), (Actions{"cancel StartPeriod"}));
  EXPECT_EQ(spawned(6003), (Actions{"signal TERM to process", "arm StopTimeout 10s"}));
}

TEST_F(ServiceMachineTest, StopTimeoutKillsTheGroupEvenWithStopTargetProcess) {
  spec_.stop_target = SignalTarget::Process;
  run(0);
  stop(5000);
  EXPECT_EQ(stop_timeout_elapsed(15000), (Actions{"signal KILL to group"}));
}

TEST_F(ServiceMachineTest, RestartIsStopThenStartAndRespawnsAfterTheExit) {
  run(0, 100);
  EXPECT_EQ(stop(5000), kStopActions);
  EXPECT_EQ(start(5001), Actions{});
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(status_.want, Want::Up);
  EXPECT_EQ(killed(5100, 15), (Actions{"cancel StopTimeout", "spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_TRUE(status_.spawn_pending);
  EXPECT_EQ(status_.failed_attempts, 0);
  EXPECT_EQ(status_.restarts, 0);  // Restarts count automatic ones only.
  EXPECT_EQ(status_.last_exit, (ExitStatus{0, 15}));
  spawned(5110, 101);
  start_period_elapsed(6110);
  EXPECT_EQ(state(), State::Running);
  EXPECT_EQ(status_.pid, 101);
}

TEST_F(ServiceMachineTest, RestartAfterSigkillStillRespawns) {
  run(0);
  stop(5000);
  start(5001);
  stop_timeout_elapsed(15000);
  EXPECT_EQ(killed(15001, 9), (Actions{"cancel StopTimeout", "spawn"}));
  EXPECT_EQ(state(), State::Starting);
}

TEST_F(ServiceMachineTest, StopAfterARestartRequestCancelsTheRespawn) {
  run(0);
  stop(5000);
  start(5001);
  EXPECT_EQ(stop(5002), Actions{});
  EXPECT_EQ(killed(5100, 15), (Actions{"cancel StopTimeout"}));
  EXPECT_EQ(state(), State::Stopped);
}

TEST_F(ServiceMachineTest, RestartWithTheSpawnInFlightRespawnsWhenTheSpawnFails) {
  start(0);
  stop(5);
  start(6);
  EXPECT_EQ(spawn_failed(10), (Actions{"spawn"}));
  EXPECT_EQ(state(), State::Starting);
  EXPECT_TRUE(status_.spawn_pending);
}

TEST_F(ServiceMachineTest, StopOfAnUnknownServiceSignalsIt) {
  status_.state = State::Unknown;
  status_.want = Want::Up;
  status_.pid = 77;
  EXPECT_EQ(stop(0), kStopActions);
  EXPECT_EQ(state(), State::Stopping);
  EXPECT_EQ(killed(10, 15), (Actions{"cancel StopTimeout"}));
  EXPECT_EQ(state(), State::Stopped);
}

}  // namespace
}  // namespace drover::core::testing
