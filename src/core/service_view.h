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
  int64_t started_at = 0;
  int64_t stopped_at = 0;
  int64_t uptime_seconds = 0;  // While a process exists.
  int restarts = 0;
  std::optional<ExitStatus> last_exit;
  std::string description;         // supervisorctl-style: "pid 12, uptime 0:01:02" or the reason.
  uint64_t log_dropped_bytes = 0;  // Output that could not be written to the log files.
};

// The result of a command, per service where it applies ("web": "started").
struct CommandOutcome {
  std::string name;
  bool ok = true;
  std::string message;
};

}  // namespace drover::core
