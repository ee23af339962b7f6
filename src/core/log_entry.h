#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace drover::core {

enum class LogStream : uint8_t { Stdout, Stderr };

// One line of a service's output as kept in its in-memory ring and served by
// `drover logs`. `sequence` orders lines across all services in arrival
// order; `time_ms` is wall-clock milliseconds since the epoch.
struct LogEntry {
  uint64_t sequence = 0;
  int64_t time_ms = 0;
  std::string service;
  LogStream stream = LogStream::Stdout;
  bool continued = false;  // A piece of a line longer than max_line; more follows.
  std::string text;        // Without the newline.

  bool operator==(const LogEntry&) const = default;
};

// Which lines `drover logs` asks for. Empty `services` means every service.
struct LogQuery {
  std::vector<std::string> services;
  size_t last_lines = 0;  // 0: all that the rings hold.
  int64_t since_ms = 0;   // 0: no lower time bound (wall-clock ms since the epoch).
  bool stderr_only = false;
  uint64_t after_sequence = 0;  // Only lines with a larger sequence (used by follow).
};

}  // namespace drover::core
