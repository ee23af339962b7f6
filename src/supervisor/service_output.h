#pragma once

#include "core/log_entry.h"
#include "core/model.h"
#include "log/line_block.h"
#include "log/ring_buffer.h"
#include "log/rotating_file.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace drover::supervisor {

// Where one service's lines go besides the unified stream: its log files
// (with rotation) and its in-memory ring for `drover logs`. Lines come in
// blocks (log/line_block.h), are batched per stream and written to the files
// by flush(), once per chunk the service wrote: a fast writer costs a copy
// and one write(2) per chunk, and no work per line.
class ServiceOutput {
 public:
  // File paths come from spec.log and settings.log_dir; with no directory
  // or `file: none` there are no files. Nothing is opened until a line comes.
  ServiceOutput(const core::ServiceSpec& spec, const core::Settings& settings);

  // Files get the line only when `to_files` (followed files' lines go to
  // the ring and the console, not into the service's own log files).
  void add(const log::LineBlock& block, bool to_files = true);
  // Writes the batched lines. Returns the message to report when a file
  // starts failing ("unable to write /var/log/web.out.log: No space left on
  // device"), once per streak of failures; empty otherwise.
  std::string flush();

  std::vector<core::LogEntry> query(const core::LogQuery& query) const;
  uint64_t dropped_bytes() const;
  // Bytes written to the log files.
  uint64_t written_bytes() const;
  bool console() const { return console_; }

  // The file paths in use, for status and tests ("" when none).
  std::string stdout_path() const;
  std::string stderr_path() const;

 private:
  std::string flush_one(log::RotatingFile* file, std::string& batch);

  bool console_;
  uint64_t ring_capacity_;
  std::string service_;
  std::unique_ptr<log::RotatingFile> stdout_file_;
  std::unique_ptr<log::RotatingFile> stderr_file_;  // Null when merged into stdout's.
  std::unique_ptr<log::RingBuffer> ring_;           // Made at the first line.
  std::string stdout_batch_;
  std::string stderr_batch_;
};

}  // namespace drover::supervisor
