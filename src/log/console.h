#pragma once

#include "core/log_entry.h"
#include "core/model.h"
#include "log/line_block.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace drover::log {

struct ConsoleOptions {
  bool color = false;  // ANSI colour per service (text format only); see wants_color().
  core::LogFormat format = core::LogFormat::Text;
  bool timestamps = false;  // Text format: prefix each line with its UTC time.
};

// The unified stream on drover's stdout. Lines are buffered and written with
// one write() per flush(), so lines never interleave mid-line. Formats:
//
//   text:              "web    | line"   (names padded to a common width)
//   text, timestamps:  "2026-11-23T16:52:29.123Z web    | line"
//   json: {"ts":"2026-11-23T16:52:29.123Z","service":"web","stream":"stdout","line":"..."}
//
// A piece of a line longer than max_line that is continued by the next piece
// shows "+" instead of "|" in text, and has "continued":true in JSON. In
// text, the name and separator are coloured when `color` is set.
class Console {
 public:
  Console(int fd, ConsoleOptions options);

  void set_name_width(size_t width) { name_width_ = width; }

  // Buffers one line (without its newline); flushes when the buffer is large.
  void append(std::string_view name, size_t color_index, core::LogStream stream, int64_t time_ms,
              std::string_view line, bool continued);
  void append(const core::LogEntry& entry, size_t color_index) {
    append(entry.service, color_index, entry.stream, entry.time_ms, entry.text, entry.continued);
  }

  // Buffers every line of `block`, as append() would one by one. In text
  // format the prefix ("web    | ") is made once per block, not per line.
  void append(std::string_view name, size_t color_index, const LineBlock& block);

  // Writes everything buffered. If the reader has gone away the rest is
  // dropped rather than blocking forever.
  void flush();

 private:
  void append_text(std::string_view name, size_t color_index, int64_t time_ms,
                   std::string_view line, bool continued);
  std::string_view text_prefix(std::string_view name, size_t color_index, int64_t time_ms,
                               bool continued);
  void append_json(std::string_view name, core::LogStream stream, int64_t time_ms,
                   std::string_view line, bool continued);

  int fd_;
  ConsoleOptions options_;
  size_t name_width_ = 0;
  std::string buffer_;
  std::string prefix_;  // The text prefix of the block being appended.
};

// Whether `fd` should get colour: a terminal, and NO_COLOR is not set.
bool wants_color(int fd);

}  // namespace drover::log
