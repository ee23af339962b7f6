#pragma once

#include "core/service_status.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drover::core {

// A read-only snapshot of one service for the API and the CLI. Times are
// wall-clock seconds since the epoch (0 = never), as supervisord reports them.
struct ServiceView {
  std::string name;
  std::string type;  // "longrun" | "oneshot"
  State state = State::Stopped;
  std::string want;  // "up" | "down"
  int pid = 0;
  // From the service's cgroup (decision 0012), while it runs in one.
  std::optional<uint64_t> memory_bytes;
  std::optional<uint64_t> cpu_micros;
  int64_t started_at = 0;
  int64_t stopped_at = 0;
  int64_t uptime_seconds = 0;  // While a process exists.
  int restarts = 0;
  std::optional<ExitStatus> last_exit;
  std::string description;         // supervisorctl-style: "pid 12, uptime 0:01:02" or the reason.
  uint64_t log_dropped_bytes = 0;  // Output that could not be written to the log files.
  uint64_t log_written_bytes = 0;  // Output written to the log files.

  // supervisord's process info (issue #6).
  std::string group;        // Process group; the service's name when it has none.
  std::string spawn_error;  // Why the last start failed; empty when it did not.
  std::string stdout_log_file;
  std::string stderr_log_file;

  // Health (issue #5).
  std::string health;             // "" (no probe), "starting", "healthy", "unhealthy".
  std::string health_output;      // Excerpt of the last probe's output or error.
  int64_t probe_latency_ms = -1;  // Of the last probe; -1 = none yet.
  int64_t probe_at = 0;           // Wall-clock seconds of the last probe.
  std::string ready_status;       // Last STATUS= from a notify service.
  bool autostart = true;          // For the aggregated GET /health.
  bool required = false;

  // Scheduled services (issue #9); `schedule` empty for the others.
  std::string schedule;         // As written: "*/5 * * * *", "@every 90s".
  std::string timezone;         // The zone the schedule runs in ("UTC" by default).
  int64_t next_run_at = 0;      // Wall-clock seconds of the next due time; 0 = none.
  int64_t last_run_at = 0;      // When the last finished run started; 0 = none yet.
  std::string last_run_result;  // "completed (exit status 0)", "killed: max_runtime 10m exceeded".
  int64_t last_run_duration_ms = -1;  // -1 = no run finished yet.
  uint64_t runs = 0;                  // Runs started since drover started.
  uint64_t skipped_runs = 0;  // Due runs that did not start (concurrency, starting_deadline).
};

// The result of a command, per service where it applies ("web": "started").
struct CommandOutcome {
  std::string name;
  bool ok = true;
  std::string message;
};

}  // namespace drover::core
