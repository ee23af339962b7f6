// The transition table. Rows are states, columns are event kinds (the index
// in EventBody), cells are small named handlers. The array's extent comes
// from the enums, so a new state or event that is not given a handler in
// every cell fails to compile (s6-supervise's actions[][] table, made pure).
// docs/state-machine.md is rendered from this table by a test.
#include "core/service_machine.h"

#include "core/restart_policy.h"

#include <array>

namespace drover::core {
namespace {

struct Context {
  const ServiceSpec& spec;
  const ServiceStatus& status;
  const Event& event;
};

using Handler = Transition (*)(const Context&);

struct Cell {
  std::string_view name;
  Handler handler;
};

Transition keep(const Context& c) { return {c.status, {}}; }

Transition ignore(const Context& c) { return keep(c); }

Transition note_up(const Context& c) {
  Transition t = keep(c);
  t.status.want = Want::Up;
  return t;
}

Transition note_down(const Context& c) {
  Transition t = keep(c);
  t.status.want = Want::Down;
  return t;
}

// Enter Starting and ask for a spawn; the attempt counter is kept so that a
// retry after back-off counts towards start_retries.
Transition spawn(Transition t, std::string reason) {
  t.status.state = State::Starting;
  t.status.pid = 0;
  t.status.spawn_pending = true;
  t.status.completed = false;
  t.status.ready = false;
  t.status.reason = std::move(reason);
  t.actions.push_back(Spawn{});
  return t;
}

Transition begin_start(const Context& c) {
  Transition t = keep(c);
  t.status.want = Want::Up;
  t.status.failed_attempts = 0;
  return spawn(std::move(t), "");
}

// A failed start: back off and retry, or give up after start_retries retries.
Transition retry_or_fatal(Transition t, const ServiceSpec& spec, const std::string& why) {
  t.status.pid = 0;
  t.status.failed_attempts += 1;
  if (t.status.failed_attempts > spec.start_retries) {
    t.status.state = State::Fatal;
    t.status.reason = why + "; gave up after " + std::to_string(t.status.failed_attempts) +
                      (t.status.failed_attempts == 1 ? " attempt" : " attempts");
    return t;
  }
  Duration delay = backoff_delay(t.status.failed_attempts);
  t.status.state = State::Backoff;
  t.status.reason = why + "; retrying in " + std::to_string(delay.count() / 1000) + "s";
  t.actions.push_back(ArmTimer{TimerKind::Backoff, delay});
  return t;
}

// SpawnSucceeded and SpawnFailed answer the pending spawn; without one they
// are stale (the shell drops events of old instances, but the core does not
// rely on it: acting on one would lose track of the running process).
Transition record_spawn(const Context& c) {
  if (!c.status.spawn_pending) {
    return ignore(c);
  }
  Transition t = keep(c);
  t.status.spawn_pending = false;
  t.status.pid = std::get<SpawnSucceeded>(c.event.body).pid;
  t.status.started_at = c.event.now;
  t.status.reason.clear();
  if (c.spec.type == ServiceType::Oneshot) {
    return t;
  }
  if (c.spec.ready.kind != ReadinessKind::None) {
    // Readiness replaces start_period: RUNNING once the service says so,
    // which it may have done before the exec status pipe was read.
    if (t.status.ready) {
      t.status.state = State::Running;
      t.status.failed_attempts = 0;
    }
    return t;
  }
  if (c.spec.start_period.count() <= 0) {
    t.status.state = State::Running;
    t.status.failed_attempts = 0;
    return t;
  }
  t.actions.push_back(ArmTimer{TimerKind::StartPeriod, c.spec.start_period});
  return t;
}

Transition spawn_failed(const Context& c) {
  if (!c.status.spawn_pending) {
    return ignore(c);
  }
  Transition t = keep(c);
  t.status.spawn_pending = false;
  return retry_or_fatal(std::move(t), c.spec, std::get<SpawnFailed>(c.event.body).reason);
}

Transition record_exit(const Context& c) {
  Transition t = keep(c);
  t.status.pid = 0;
  t.status.stopped_at = c.event.now;
  t.status.last_exit = std::get<ProcessExited>(c.event.body).status;
  return t;
}

// A process ended while Starting: a longrun that did not last start_period,
// or a oneshot that finished (successfully or not).
Transition exited_while_starting(const Context& c) {
  Transition t = record_exit(c);
  const ExitStatus& exit = *t.status.last_exit;
  std::string what = describe_exit(exit);
  if (c.spec.type == ServiceType::Longrun) {
    t.actions.push_back(CancelTimer{TimerKind::StartPeriod});
    return retry_or_fatal(std::move(t), c.spec, "exited too quickly (" + what + ")");
  }
  if (is_success(c.spec, exit)) {
    t.status.state = State::Exited;
    t.status.completed = true;
    t.status.failed_attempts = 0;
    t.status.reason = "completed (" + what + ")";
    return t;
  }
  if (c.spec.restart == RestartPolicy::Never) {
    t.status.state = State::Fatal;
    t.status.reason = "failed (" + what + ")";
    return t;
  }
  return retry_or_fatal(std::move(t), c.spec, "failed (" + what + ")");
}

// The start period of the current process is over. With a spawn pending the
// timer is stale: it belonged to a process that has already ended.
Transition confirm_running(const Context& c) {
  if (c.spec.type != ServiceType::Longrun || c.status.spawn_pending ||
      c.spec.ready.kind != ReadinessKind::None) {
    return ignore(c);
  }
  Transition t = keep(c);
  t.status.state = State::Running;
  t.status.failed_attempts = 0;
  return t;
}

// A running longrun ended on its own: restart it at once (supervisord's
// EXITED -> STARTING without back-off) or leave it EXITED.
Transition exited_while_running(const Context& c) {
  Transition t = record_exit(c);
  const ExitStatus& exit = *t.status.last_exit;
  bool expected = is_success(c.spec, exit);
  if (t.status.want == Want::Up && should_restart(c.spec, exit)) {
    t.status.restarts += 1;
    return spawn(std::move(t), "restarted after " + describe_exit(exit));
  }
  t.status.state = State::Exited;
  t.status.reason = describe_exit(exit) + (expected ? " (expected)" : " (unexpected)");
  return t;
}

Transition begin_stop(const Context& c) {
  Transition t = keep(c);
  t.status.want = Want::Down;
  t.status.state = State::Stopping;
  t.status.reason = "stopping";
  t.actions.push_back(CancelTimer{TimerKind::StartPeriod});
  if (t.status.spawn_pending) {
    return t;  // The spawn is still in flight; signal_late() signals it.
  }
  t.actions.push_back(SendSignal{c.spec.stop_signal, c.spec.stop_target});
  t.actions.push_back(ArmTimer{TimerKind::StopTimeout, c.spec.stop_timeout});
  return t;
}

Transition signal_late(const Context& c) {
  if (!c.status.spawn_pending) {
    return ignore(c);
  }
  Transition t = keep(c);
  t.status.spawn_pending = false;
  t.status.pid = std::get<SpawnSucceeded>(c.event.body).pid;
  t.status.started_at = c.event.now;
  t.actions.push_back(SendSignal{c.spec.stop_signal, c.spec.stop_target});
  t.actions.push_back(ArmTimer{TimerKind::StopTimeout, c.spec.stop_timeout});
  return t;
}

// With a spawn still pending no stop timer was armed, so this one is stale.
Transition kill_group(const Context& c) {
  if (c.status.spawn_pending) {
    return ignore(c);
  }
  Transition t = keep(c);
  t.status.reason = "did not stop within its stop_timeout; sent SIGKILL";
  t.actions.push_back(SendSignal{9, SignalTarget::Group});
  return t;
}

// The stop finished. A restart request made meanwhile (want Up) starts it again.
Transition finish_stop(Transition t) {
  if (t.status.want == Want::Up) {
    t.status.failed_attempts = 0;
    return spawn(std::move(t), "");
  }
  t.status.state = State::Stopped;
  t.status.reason = "stopped";
  return t;
}

Transition stopped(const Context& c) {
  Transition t = record_exit(c);
  t.actions.push_back(CancelTimer{TimerKind::StopTimeout});
  return finish_stop(std::move(t));
}

Transition stopped_before_spawn(const Context& c) {
  if (!c.status.spawn_pending) {
    return ignore(c);  // A process is running; its exit will finish the stop.
  }
  Transition t = keep(c);
  t.status.spawn_pending = false;
  return finish_stop(std::move(t));
}

Transition cancel_backoff(const Context& c) {
  Transition t = keep(c);
  t.status.want = Want::Down;
  t.status.state = State::Stopped;
  t.status.reason = "stopped";
  t.actions.push_back(CancelTimer{TimerKind::Backoff});
  return t;
}

Transition start_from_backoff(const Context& c) {
  Transition t = keep(c);
  t.status.want = Want::Up;
  t.status.failed_attempts = 0;
  t.actions.push_back(CancelTimer{TimerKind::Backoff});
  return spawn(std::move(t), "");
}

Transition retry_after_backoff(const Context& c) { return spawn(keep(c), ""); }

// A longrun with readiness said it is ready: STARTING becomes RUNNING. With
// the spawn still pending, record_spawn finishes the job.
Transition note_ready(const Context& c) {
  if (c.spec.ready.kind == ReadinessKind::None || c.spec.type != ServiceType::Longrun) {
    return ignore(c);
  }
  Transition t = keep(c);
  t.status.ready = true;
  if (t.status.spawn_pending) {
    return t;
  }
  t.status.state = State::Running;
  t.status.failed_attempts = 0;
  return t;
}

// A broken longrun is restarted through the normal stop path: stop signal,
// StopTimeout, and finish_stop spawns again because want stays up. It counts
// as a restart, and the reason stays visible after the new process is up.
Transition restart_broken(const Context& c) {
  if (c.spec.type != ServiceType::Longrun || c.status.spawn_pending || c.status.want != Want::Up) {
    return ignore(c);
  }
  const std::string& why = std::get<FailureDetected>(c.event.body).reason;
  Transition t = begin_stop(c);
  t.status.want = Want::Up;
  t.status.restarts += 1;
  t.status.restart_reason = why;
  t.status.reason = "restarting: " + why;
  return t;
}

// The runtime lost sight of the instance (a remote host's connection
// dropped). It may well still run, so it is UNKNOWN until the runtime finds
// it again or learns how it ended; a start period in progress is moot.
Transition lose_sight(const Context& c) {
  if (c.status.spawn_pending) {
    return ignore(c);
  }
  Transition t = keep(c);
  t.status.state = State::Unknown;
  t.status.reason = std::get<ConnectionLost>(c.event.body).reason;
  t.actions.push_back(CancelTimer{TimerKind::StartPeriod});
  return t;
}

// Found running again: a longrun is RUNNING (it outlived its start period
// while out of sight), a oneshot is still STARTING until it finishes.
Transition regain_sight(const Context& c) {
  Transition t = keep(c);
  t.status.state = c.spec.type == ServiceType::Oneshot ? State::Starting : State::Running;
  t.status.reason.clear();
  t.status.failed_attempts = 0;
  return t;
}

// It ended while out of sight: judged as it would have been in view.
Transition exited_while_unknown(const Context& c) {
  return c.spec.type == ServiceType::Oneshot ? exited_while_starting(c) : exited_while_running(c);
}

constexpr size_t kStates = static_cast<size_t>(State::kCount);

// Columns: Start, Stop, SpawnOk, SpawnFailed, Exited, StartPeriod, StopTimeout, Backoff, Ready,
// FailureDetected, ConnectionLost, ConnectionRestored. The layout is the table itself, so
// clang-format leaves it alone. In UNKNOWN a failed health check is ignored: the probes cannot
// reach a host the runtime has lost sight of.
// clang-format off
#define CELL(fn) Cell{#fn, fn}
constexpr std::array<std::array<Cell, kEventKindCount>, kStates> kTable = {{
    /* Stopped  */ {CELL(begin_start), CELL(note_down), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore)},
    /* Starting */ {CELL(note_up), CELL(begin_stop), CELL(record_spawn), CELL(spawn_failed),
                    CELL(exited_while_starting), CELL(confirm_running), CELL(ignore), CELL(ignore),
                    CELL(note_ready), CELL(restart_broken), CELL(lose_sight), CELL(ignore)},
    /* Running  */ {CELL(note_up), CELL(begin_stop), CELL(ignore), CELL(ignore),
                    CELL(exited_while_running), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(restart_broken), CELL(lose_sight), CELL(ignore)},
    /* Backoff  */ {CELL(start_from_backoff), CELL(cancel_backoff), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore), CELL(ignore), CELL(retry_after_backoff),
                    CELL(ignore), CELL(ignore), CELL(ignore), CELL(ignore)},
    /* Stopping */ {CELL(note_up), CELL(note_down), CELL(signal_late), CELL(stopped_before_spawn),
                    CELL(stopped), CELL(ignore), CELL(kill_group), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore), CELL(ignore)},
    /* Exited   */ {CELL(begin_start), CELL(note_down), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore)},
    /* Fatal    */ {CELL(begin_start), CELL(note_down), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore)},
    /* Unknown  */ {CELL(note_up), CELL(begin_stop), CELL(ignore), CELL(ignore),
                    CELL(exited_while_unknown), CELL(ignore), CELL(ignore), CELL(ignore),
                    CELL(ignore), CELL(ignore), CELL(lose_sight), CELL(regain_sight)},
}};
#undef CELL
// clang-format on

}  // namespace

Transition step(const ServiceSpec& spec, const ServiceStatus& status, const Event& event) {
  size_t row = static_cast<size_t>(status.state);
  if (row >= kStates) {
    return {status, {}};
  }
  const Cell& cell = kTable[row][event.body.index()];
  return cell.handler(Context{spec, status, event});
}

std::string_view handler_name(State state, size_t event_kind) {
  size_t row = static_cast<size_t>(state);
  if (row >= kStates || event_kind >= kEventKindCount) {
    return "ignore";
  }
  return kTable[row][event_kind].name;
}

std::string_view event_name(size_t kind) {
  static constexpr std::string_view kNames[] = {
      "StartRequested", "StopRequested",      "SpawnSucceeded",     "SpawnFailed",
      "ProcessExited",  "StartPeriodElapsed", "StopTimeoutElapsed", "BackoffElapsed",
      "ReadyNotified",  "FailureDetected",    "ConnectionLost",     "ConnectionRestored"};
  static_assert(std::size(kNames) == kEventKindCount);
  return kind < kEventKindCount ? kNames[kind] : "Unknown";
}

}  // namespace drover::core
