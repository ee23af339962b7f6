// The unified console stream. Writes are blocking: when the reader of
// drover's stdout (docker logs, a terminal) is slow, services' lines wait in
// their pipes rather than being dropped or reordered.
#include "log/console.h"

#include "log/line_format.h"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <unistd.h>

namespace drover::log {
namespace {

constexpr std::string_view kColors[] = {"\033[36m", "\033[33m", "\033[32m", "\033[35m",
                                        "\033[34m", "\033[96m", "\033[93m", "\033[92m"};
constexpr std::string_view kReset = "\033[0m";
constexpr size_t kFlushThreshold = 64 * 1024;

}  // namespace

Console::Console(int fd, ConsoleOptions options) : fd_(fd), options_(options) {}

void Console::append(std::string_view name, size_t color_index, core::LogStream stream,
                     int64_t time_ms, std::string_view line, bool continued) {
  if (options_.format == core::LogFormat::Json) {
    append_json(name, stream, time_ms, line, continued);
  } else {
    append_text(name, color_index, time_ms, line, continued);
  }
  if (buffer_.size() >= kFlushThreshold) {
    flush();
  }
}

void Console::append(std::string_view name, size_t color_index, const LineBlock& block) {
  if (options_.format == core::LogFormat::Json) {
    for_each_line(block, [&](std::string_view line, uint64_t) {
      append_json(name, block.stream, block.time_ms, line, block.continued);
    });
  } else {
    std::string_view prefix = text_prefix(name, color_index, block.time_ms, block.continued);
    for_each_line(block, [&](std::string_view line, uint64_t) {
      buffer_.append(prefix);
      if (!line.empty()) {
        buffer_.push_back(' ');
        buffer_.append(line);
      }
      buffer_.push_back('\n');
    });
  }
  if (buffer_.size() >= kFlushThreshold) {
    flush();
  }
}

// "[time ]name   |", coloured as configured; the same for every line of a block.
std::string_view Console::text_prefix(std::string_view name, size_t color_index, int64_t time_ms,
                                      bool continued) {
  prefix_.clear();
  if (options_.timestamps) {
    append_timestamp(prefix_, time_ms);
    prefix_.push_back(' ');
  }
  if (options_.color) {
    prefix_.append(kColors[color_index % std::size(kColors)]);
  }
  prefix_.append(name);
  if (name.size() < name_width_) {
    prefix_.append(name_width_ - name.size(), ' ');
  }
  prefix_.append(continued ? " +" : " |");
  if (options_.color) {
    prefix_.append(kReset);
  }
  return prefix_;
}

void Console::append_text(std::string_view name, size_t color_index, int64_t time_ms,
                          std::string_view line, bool continued) {
  buffer_.append(text_prefix(name, color_index, time_ms, continued));
  if (!line.empty()) {
    buffer_.push_back(' ');
    buffer_.append(line);
  }
  buffer_.push_back('\n');
}

void Console::append_json(std::string_view name, core::LogStream stream, int64_t time_ms,
                          std::string_view line, bool continued) {
  buffer_.append("{\"ts\":\"");
  append_timestamp(buffer_, time_ms);
  buffer_.append("\",\"service\":");
  append_json_string(buffer_, name);
  buffer_.append(stream == core::LogStream::Stderr ? ",\"stream\":\"stderr\",\"line\":"
                                                   : ",\"stream\":\"stdout\",\"line\":");
  append_json_string(buffer_, line);
  buffer_.append(continued ? ",\"continued\":true}\n" : "}\n");
}

void Console::flush() {
  size_t written = 0;
  while (written < buffer_.size()) {
    ssize_t n = ::write(fd_, buffer_.data() + written, buffer_.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      break;  // Nobody reads our stdout any more: drop, never block the loop forever.
    }
    written += static_cast<size_t>(n);
  }
  buffer_.clear();
}

bool wants_color(int fd) {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(fd) == 1 && (no_color == nullptr || *no_color == '\0');
}

}  // namespace drover::log
