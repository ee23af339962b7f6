#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace drover::core {

// Time is an input to the core: events carry it, nothing here reads a clock.
using TimePoint = std::chrono::steady_clock::time_point;

// supervisord's process states, with its meanings:
// https://supervisord.org/subprocess.html#process-states
enum class State : uint8_t {
  Stopped,   // Not running: never started, or stopped on request.
  Starting,  // Spawned; a longrun must stay up for start_period, a oneshot must finish.
  Running,   // A longrun that stayed up for start_period.
  Backoff,   // Failed to start; waiting before the next attempt.
  Stopping,  // Stop signal sent; waiting for the exit (SIGKILL after stop_timeout).
  Exited,    // Ended on its own and is not restarted (or a oneshot that completed).
  Fatal,     // Gave up: failed start_retries+1 times, or a oneshot failed for good.
  Unknown,   // Out of sight: a remote host's connection dropped; the instance may still run.
  kCount,
};

std::string_view state_name(State state);  // "RUNNING" etc., as supervisorctl prints them.

// runit's `want`: what the user or the plan asked for, apart from what is.
enum class Want : uint8_t { Down, Up };

// How a process ended. `signal` is non-zero when it was killed by a signal.
struct ExitStatus {
  // A constructor rather than aggregate initialisation, so that
  // ExitStatus{code, signal} stays warning-free with `cause` beside them.
  ExitStatus() = default;
  ExitStatus(int exit_code, int signo, std::string why = {})
      : code(exit_code), signal(signo), cause(std::move(why)) {}

  int code = 0;
  int signal = 0;
  // What the runtime knows killed it, in words ("OOM killed, memory.max=32M",
  // from the service's cgroup); empty when it knows nothing more.
  std::string cause;

  bool operator==(const ExitStatus&) const = default;
};

std::string describe_exit(const ExitStatus& status);  // "exit status 3", "killed by signal 9"

// The observed state of one service. Only core::step() writes it.
struct ServiceStatus {
  State state = State::Stopped;
  Want want = Want::Down;
  int pid = 0;  // 0 while no process exists, and where the runtime has no local pid.
  // A Spawn action was issued and neither SpawnSucceeded nor SpawnFailed has
  // arrived. Kept apart from `pid`, which a container instance leaves at 0.
  bool spawn_pending = false;
  TimePoint started_at{};  // When the current or last process was spawned.
  TimePoint stopped_at{};  // When the last process ended.
  std::optional<ExitStatus> last_exit;
  int restarts = 0;         // Automatic restarts after a process ended.
  int failed_attempts = 0;  // Consecutive failed starts; drives back-off and FATAL.
  bool completed = false;   // A oneshot that finished successfully.
  std::string reason;       // Why it is in this state, for `status`.
  // A service with readiness (spec.ready) said it is ready; reset per spawn.
  bool ready = false;
  // Why the last restart of a broken process (FailureDetected) happened.
  std::string restart_reason;

  bool operator==(const ServiceStatus&) const = default;
};

}  // namespace drover::core
