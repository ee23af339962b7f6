#pragma once

#include "core/service_status.h"

#include <string>
#include <variant>

namespace drover::core {

// The inputs of the per-service state machine. Each is a small value; the
// shell turns syscalls, timers and API requests into these.
struct StartRequested {};
struct StopRequested {};
struct SpawnSucceeded {
  int pid = 0;
};
struct SpawnFailed {
  std::string reason;  // Names the step: "exec /usr/bin/foo: No such file or directory".
};
// Delivered after the output the process left in its pipes has been read, so
// its last lines are logged before anything reacts to the exit.
struct ProcessExited {
  ExitStatus status;
};
struct StartPeriodElapsed {};  // A longrun stayed up for start_period.
struct StopTimeoutElapsed {};  // The stop signal did not end it within stop_timeout.
struct BackoffElapsed {};      // Time for the next start attempt.
// The service said it is ready (`ready: notify` READY=1, or a newline on its
// `ready: {fd: N}`). Only services with readiness wait for it.
struct ReadyNotified {};
// The process is up but broken: its health check failed `retries` times in a
// row (with on_failure: restart) or it missed its watchdog.
struct FailureDetected {
  std::string reason;
};

// The runtime lost sight of a running instance, which may still run (a
// remote host's connection dropped); then found it running again.
struct ConnectionLost {
  std::string reason;
};
struct ConnectionRestored {};

// The variant's index is the EventKind column of the transition table.
using EventBody =
    std::variant<StartRequested, StopRequested, SpawnSucceeded, SpawnFailed, ProcessExited,
                 StartPeriodElapsed, StopTimeoutElapsed, BackoffElapsed, ReadyNotified,
                 FailureDetected, ConnectionLost, ConnectionRestored>;

inline constexpr size_t kEventKindCount = std::variant_size_v<EventBody>;

struct Event {
  EventBody body;
  TimePoint now;
};

std::string_view event_name(size_t kind);  // "StartRequested" etc.

}  // namespace drover::core
