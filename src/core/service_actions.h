#pragma once

#include "core/model.h"

#include <variant>

namespace drover::core {

// The timers a service may have armed: at most one of each kind.
enum class TimerKind : uint8_t { StartPeriod, StopTimeout, Backoff, kCount };

// The outputs of the per-service state machine: requests to the shell.
struct Spawn {};  // Start a new instance of the service through its runtime.
struct SendSignal {
  int signo = 0;
  SignalTarget target = SignalTarget::Group;
};
struct ArmTimer {
  TimerKind kind;
  Duration after;
};
struct CancelTimer {
  TimerKind kind;
};

using Action = std::variant<Spawn, SendSignal, ArmTimer, CancelTimer>;

}  // namespace drover::core
