#include "core/plan.h"

#include "core/service_machine_test_util.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace drover::core::testing {
namespace {

constexpr State kAllStates[] = {State::Stopped,  State::Starting, State::Running, State::Backoff,
                                State::Stopping, State::Exited,   State::Fatal,   State::Unknown};
constexpr DependencyCondition kAllConditions[] = {DependencyCondition::Started,
                                                  DependencyCondition::Healthy,
                                                  DependencyCondition::CompletedSuccessfully};

ServiceStatus in_state(State state, std::optional<ExitStatus> last_exit = std::nullopt) {
  ServiceStatus status;
  status.state = state;
  status.last_exit = last_exit;
  return status;
}

ServiceStatus completed_oneshot() {
  ServiceStatus status = in_state(State::Exited, ExitStatus{0, 0});
  status.completed = true;
  return status;
}

// A small stack: specs and statuses by name, with lookups for check_dependencies.
class PlanTest : public ::testing::Test {
 protected:
  void add(ServiceSpec spec, ServiceStatus status) {
    statuses_[spec.name] = status;
    specs_[spec.name] = std::move(spec);
  }

  DependencyVerdict check(std::vector<Dependency> deps) {
    ServiceSpec spec = longrun_spec("app");
    spec.depends_on = std::move(deps);
    return check_dependencies(
        spec,
        [this](const std::string& name) -> const ServiceSpec* {
          auto found = specs_.find(name);
          return found == specs_.end() ? nullptr : &found->second;
        },
        [this](const std::string& name) -> const ServiceStatus* {
          auto found = statuses_.find(name);
          return found == statuses_.end() ? nullptr : &found->second;
        },
        [this](const std::string& name) {
          auto found = health_.find(name);
          return found == health_.end() ? DependencyHealth{} : found->second;
        });
  }

  std::map<std::string, DependencyHealth> health_;
  std::map<std::string, ServiceSpec> specs_;
  std::map<std::string, ServiceStatus> statuses_;
};

TEST_F(PlanTest, OneshotMeetsEveryConditionOnlyOnceCompleted) {
  ServiceSpec job = oneshot_spec();
  for (DependencyCondition condition : kAllConditions) {
    EXPECT_TRUE(condition_met(job, completed_oneshot(), condition)) << condition_name(condition);
    for (State state : kAllStates) {
      EXPECT_FALSE(condition_met(job, in_state(state, ExitStatus{0, 0}), condition))
          << condition_name(condition) << " " << state_name(state);
    }
  }
}

TEST_F(PlanTest, CompletedOneshotStaysMetAfterItIsMarkedDown) {
  // completed is cleared only by the next spawn, not by a stop request.
  ServiceStatus status = completed_oneshot();
  status.want = Want::Down;
  EXPECT_TRUE(condition_met(oneshot_spec(), status, DependencyCondition::Started));
}

TEST_F(PlanTest, LongrunIsStartedAndHealthyOnlyWhileRunning) {
  ServiceSpec web = longrun_spec();
  for (State state : kAllStates) {
    bool running = state == State::Running;
    EXPECT_EQ(condition_met(web, in_state(state), DependencyCondition::Started), running)
        << state_name(state);
    EXPECT_EQ(condition_met(web, in_state(state), DependencyCondition::Healthy), running)
        << state_name(state);
  }
}

TEST_F(PlanTest, LongrunCompletesSuccessfullyOnlyWhenExitedWithASuccessCode) {
  ServiceSpec web = longrun_spec();
  web.success_exit_codes = {0, 3};
  auto met = [&](const ServiceStatus& status) {
    return condition_met(web, status, DependencyCondition::CompletedSuccessfully);
  };
  EXPECT_TRUE(met(in_state(State::Exited, ExitStatus{0, 0})));
  EXPECT_TRUE(met(in_state(State::Exited, ExitStatus{3, 0})));
  EXPECT_FALSE(met(in_state(State::Exited, ExitStatus{1, 0})));
  EXPECT_FALSE(met(in_state(State::Exited, ExitStatus{0, 15})));
  EXPECT_FALSE(met(in_state(State::Exited)));
  for (State state : kAllStates) {
    if (state != State::Exited) {
      EXPECT_FALSE(met(in_state(state, ExitStatus{0, 0}))) << state_name(state);
    }
  }
}

TEST_F(PlanTest, FatalFailsBothKinds) {
  EXPECT_TRUE(condition_failed(longrun_spec(), in_state(State::Fatal)));
  EXPECT_TRUE(condition_failed(oneshot_spec(), in_state(State::Fatal)));
}

TEST_F(PlanTest, ExitedFailsOnlyALongrun) {
  EXPECT_TRUE(condition_failed(longrun_spec(), in_state(State::Exited, ExitStatus{0, 0})));
  EXPECT_FALSE(condition_failed(oneshot_spec(), completed_oneshot()));
}

TEST_F(PlanTest, NoOtherStateFails) {
  for (State state : kAllStates) {
    if (state == State::Fatal || state == State::Exited) {
      continue;
    }
    EXPECT_FALSE(condition_failed(longrun_spec(), in_state(state))) << state_name(state);
    EXPECT_FALSE(condition_failed(oneshot_spec(), in_state(state))) << state_name(state);
  }
}

TEST_F(PlanTest, NoDependenciesIsReady) {
  DependencyVerdict verdict = check({});
  EXPECT_EQ(verdict.readiness, Readiness::Ready);
  EXPECT_EQ(verdict.reason, "");
}

TEST_F(PlanTest, ReadyWhenEveryConditionHolds) {
  add(longrun_spec("db"), in_state(State::Running));
  add(oneshot_spec("migrate"), completed_oneshot());
  DependencyVerdict verdict = check({{"db", DependencyCondition::Healthy},
                                     {"migrate", DependencyCondition::CompletedSuccessfully}});
  EXPECT_EQ(verdict.readiness, Readiness::Ready);
  EXPECT_EQ(verdict.reason, "");
}

TEST_F(PlanTest, WaitingNamesTheFirstUnmetDependencyAndItsCondition) {
  add(longrun_spec("db"), in_state(State::Starting));
  add(oneshot_spec("migrate"), in_state(State::Starting));
  DependencyVerdict verdict = check({{"db", DependencyCondition::Started},
                                     {"migrate", DependencyCondition::CompletedSuccessfully}});
  EXPECT_EQ(verdict.readiness, Readiness::Waiting);
  EXPECT_EQ(verdict.reason, "waiting for db (started)");
}

TEST_F(PlanTest, HealthyNeedsAPassingProbeStartedDoesNot) {
  add(longrun_spec("db"), in_state(State::Running));
  health_["db"] = DependencyHealth{false, "starting"};
  EXPECT_EQ(check({{"db", DependencyCondition::Started}}).readiness, Readiness::Ready);
  DependencyVerdict verdict = check({{"db", DependencyCondition::Healthy}});
  EXPECT_EQ(verdict.readiness, Readiness::Waiting);
  EXPECT_EQ(verdict.reason, "waiting for db (healthy): db is starting");
  health_["db"] = DependencyHealth{false, "unhealthy: health check failed 3 times"};
  EXPECT_EQ(check({{"db", DependencyCondition::Healthy}}).reason,
            "waiting for db (healthy): db is unhealthy: health check failed 3 times");
  health_["db"] = DependencyHealth{};
  EXPECT_EQ(check({{"db", DependencyCondition::Healthy}}).readiness, Readiness::Ready);
}

TEST_F(PlanTest, HealthNoteIsLeftOutWhileTheDependencyIsNotRunning) {
  add(longrun_spec("db"), in_state(State::Starting));
  health_["db"] = DependencyHealth{false, "starting"};
  EXPECT_EQ(check({{"db", DependencyCondition::Healthy}}).reason, "waiting for db (healthy)");
}

TEST_F(PlanTest, WaitingReasonNamesEachCondition) {
  add(longrun_spec("db"), in_state(State::Stopped));
  EXPECT_EQ(check({{"db", DependencyCondition::Healthy}}).reason, "waiting for db (healthy)");
  EXPECT_EQ(check({{"db", DependencyCondition::CompletedSuccessfully}}).reason,
            "waiting for db (completed_successfully)");
}

TEST_F(PlanTest, BackoffAndStoppedDependenciesAreWaitingNotBlocked) {
  add(longrun_spec("db"), in_state(State::Backoff));
  add(oneshot_spec("migrate"), in_state(State::Stopped));
  EXPECT_EQ(check({{"db", DependencyCondition::Started}}).readiness, Readiness::Waiting);
  EXPECT_EQ(check({{"migrate", DependencyCondition::Started}}).readiness, Readiness::Waiting);
}

TEST_F(PlanTest, FailedDependencyBlocksWithItsState) {
  add(oneshot_spec("migrate"), in_state(State::Fatal, ExitStatus{1, 0}));
  DependencyVerdict verdict = check({{"migrate", DependencyCondition::CompletedSuccessfully}});
  EXPECT_EQ(verdict.readiness, Readiness::Blocked);
  EXPECT_EQ(verdict.reason, "dependency migrate failed (FATAL)");
}

TEST_F(PlanTest, ExitedLongrunBlocksAStartedCondition) {
  add(longrun_spec("db"), in_state(State::Exited, ExitStatus{0, 0}));
  DependencyVerdict verdict = check({{"db", DependencyCondition::Started}});
  EXPECT_EQ(verdict.readiness, Readiness::Blocked);
  EXPECT_EQ(verdict.reason, "dependency db failed (EXITED)");
}

TEST_F(PlanTest, ExitedLongrunMeetsCompletedSuccessfullyOnSuccessAndBlocksOtherwise) {
  add(longrun_spec("ok"), in_state(State::Exited, ExitStatus{0, 0}));
  add(longrun_spec("bad"), in_state(State::Exited, ExitStatus{2, 0}));
  EXPECT_EQ(check({{"ok", DependencyCondition::CompletedSuccessfully}}).readiness,
            Readiness::Ready);
  DependencyVerdict verdict = check({{"bad", DependencyCondition::CompletedSuccessfully}});
  EXPECT_EQ(verdict.readiness, Readiness::Blocked);
  EXPECT_EQ(verdict.reason, "dependency bad failed (EXITED)");
}

TEST_F(PlanTest, BlockedBeatsWaitingWhateverTheOrder) {
  add(longrun_spec("db"), in_state(State::Starting));
  add(oneshot_spec("migrate"), in_state(State::Fatal));
  DependencyVerdict verdict = check({{"db", DependencyCondition::Started},
                                     {"migrate", DependencyCondition::CompletedSuccessfully}});
  EXPECT_EQ(verdict.readiness, Readiness::Blocked);
  EXPECT_EQ(verdict.reason, "dependency migrate failed (FATAL)");
}

TEST_F(PlanTest, FirstBlockedDependencyIsNamed) {
  add(oneshot_spec("one"), in_state(State::Fatal));
  add(oneshot_spec("two"), in_state(State::Fatal));
  EXPECT_EQ(
      check({{"two", DependencyCondition::Started}, {"one", DependencyCondition::Started}}).reason,
      "dependency two failed (FATAL)");
}

TEST_F(PlanTest, UndefinedDependencyBlocks) {
  add(longrun_spec("db"), in_state(State::Starting));
  DependencyVerdict verdict =
      check({{"db", DependencyCondition::Started}, {"ghost", DependencyCondition::Started}});
  EXPECT_EQ(verdict.readiness, Readiness::Blocked);
  EXPECT_EQ(verdict.reason, "dependency ghost is not defined");
}

TEST_F(PlanTest, DependencyWithoutAStatusCountsAsUndefined) {
  specs_["db"] = longrun_spec("db");
  EXPECT_EQ(check({{"db", DependencyCondition::Started}}).reason, "dependency db is not defined");
}

TEST_F(PlanTest, AtRestMeansNoProcessAndNoneComingWithoutARequestOrTimer) {
  EXPECT_TRUE(is_at_rest(State::Stopped));
  EXPECT_TRUE(is_at_rest(State::Exited));
  EXPECT_TRUE(is_at_rest(State::Fatal));
  EXPECT_TRUE(is_at_rest(State::Backoff));
  EXPECT_FALSE(is_at_rest(State::Starting));
  EXPECT_FALSE(is_at_rest(State::Running));
  EXPECT_FALSE(is_at_rest(State::Stopping));
  EXPECT_FALSE(is_at_rest(State::Unknown));
  EXPECT_FALSE(is_at_rest(State::kCount));
}

TEST_F(PlanTest, ConditionNamesAreTheConfigSpellings) {
  EXPECT_EQ(condition_name(DependencyCondition::Started), "started");
  EXPECT_EQ(condition_name(DependencyCondition::Healthy), "healthy");
  EXPECT_EQ(condition_name(DependencyCondition::CompletedSuccessfully), "completed_successfully");
}

}  // namespace
}  // namespace drover::core::testing
