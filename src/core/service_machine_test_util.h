#pragma once

// Helpers shared by the service machine tests: canonical specs, times as
// milliseconds since an arbitrary epoch (`at(ms)`), actions rendered as short
// strings, and a fixture that feeds events and keeps the resulting status.
// Test-only: tools/lint exempts *_test_util.h from the core header allow-list.

#include "base/duration.h"
#include "base/signal_names.h"
#include "core/model.h"
#include "core/service_actions.h"
#include "core/service_events.h"
#include "core/service_machine.h"
#include "core/service_status.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace drover::core::testing {

// A point in time `ms` milliseconds after the tests' epoch.
inline TimePoint at(int64_t ms) { return TimePoint{} + std::chrono::milliseconds(ms); }

inline ServiceSpec longrun_spec(std::string name = "web") {
  ServiceSpec spec;
  spec.name = std::move(name);
  spec.argv = {"/usr/bin/web", "--port", "8080"};
  return spec;  // restart always, start_period 1s, start_retries 3, TERM to group, 10s timeout.
}

inline ServiceSpec oneshot_spec(std::string name = "migrate") {
  ServiceSpec spec;
  spec.name = std::move(name);
  spec.argv = {"/usr/bin/migrate"};
  spec.type = ServiceType::Oneshot;
  spec.restart = RestartPolicy::Never;  // The config default for oneshots.
  return spec;
}

inline std::string_view timer_name(TimerKind kind) {
  switch (kind) {
    case TimerKind::StartPeriod:
      return "StartPeriod";
    case TimerKind::StopTimeout:
      return "StopTimeout";
    case TimerKind::Backoff:
      return "Backoff";
    case TimerKind::kCount:
      break;
  }
  return "?";
}

// "spawn", "signal TERM to group", "arm Backoff 2s", "cancel StartPeriod".
// Every field of every action appears, so comparing renderings compares actions.
inline std::string describe(const Action& action) {
  return std::visit(
      [](const auto& a) -> std::string {
        using T = std::decay_t<decltype(a)>;
        if constexpr (std::is_same_v<T, Spawn>) {
          return "spawn";
        } else if constexpr (std::is_same_v<T, SendSignal>) {
          return "signal " + signal_name(a.signo) +
                 (a.target == SignalTarget::Group ? " to group" : " to process");
        } else if constexpr (std::is_same_v<T, ArmTimer>) {
          return "arm " + std::string(timer_name(a.kind)) + " " + format_duration(a.after);
        } else {
          static_assert(std::is_same_v<T, CancelTimer>);
          return "cancel " + std::string(timer_name(a.kind));
        }
      },
      action);
}

using Actions = std::vector<std::string>;

inline Actions describe(const std::vector<Action>& actions) {
  Actions out;
  for (const Action& action : actions) {
    out.push_back(describe(action));
  }
  return out;
}

// Feeds events to one service and keeps its status between steps, so a test
// reads as the story of that service.
class ServiceMachineTest : public ::testing::Test {
 protected:
  // Steps with `body` at time `ms`; returns the actions, rendered.
  Actions feed(EventBody body, int64_t ms) {
    Transition t = step(spec_, status_, Event{std::move(body), at(ms)});
    status_ = std::move(t.status);
    return describe(t.actions);
  }

  // Shorthands for the events tests use most.
  Actions start(int64_t ms) { return feed(StartRequested{}, ms); }
  Actions stop(int64_t ms) { return feed(StopRequested{}, ms); }
  Actions spawned(int64_t ms, int pid = 100) { return feed(SpawnSucceeded{pid}, ms); }
  Actions spawn_failed(int64_t ms, std::string reason = "exec /usr/bin/web: Permission denied") {
    return feed(SpawnFailed{std::move(reason)}, ms);
  }
  Actions exited(int64_t ms, int code) { return feed(ProcessExited{ExitStatus{code, 0}}, ms); }
  Actions killed(int64_t ms, int signo) { return feed(ProcessExited{ExitStatus{0, signo}}, ms); }
  Actions start_period_elapsed(int64_t ms) { return feed(StartPeriodElapsed{}, ms); }
  Actions stop_timeout_elapsed(int64_t ms) { return feed(StopTimeoutElapsed{}, ms); }
  Actions backoff_elapsed(int64_t ms) { return feed(BackoffElapsed{}, ms); }

  // Start, spawn as `pid` and pass the start period: the service is RUNNING.
  void run(int64_t ms, int pid = 100) {
    start(ms);
    spawned(ms + 10, pid);
    start_period_elapsed(ms + 10 + spec_.start_period.count());
  }

  State state() const { return status_.state; }

  ServiceSpec spec_ = longrun_spec();
  ServiceStatus status_;
};

}  // namespace drover::core::testing
