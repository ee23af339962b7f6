// The unified console stream. Writes are blocking: when the reader of
// drover's stdout (docker logs, a terminal) is slow, services' lines wait in
// their pipes rather than being dropped or reordered.
#include "log/console.h"

#include <cerrno>
#include <cstdlib>
#include <unistd.h>

namespace drover::log {
namespace {

constexpr std::string_view kColors[] = {"\033[36m", "\033[33m", "\033[32m", "\033[35m",
                                        "\033[34m", "\033[96m", "\033[93m", "\033[92m"};
constexpr std::string_view kReset = "\033[0m";
constexpr size_t kFlushThreshold = 64 * 1024;

}  // namespace

Console::Console(int fd, bool color) : fd_(fd), color_(color) {}

void Console::append(std::string_view name, size_t color_index, std::string_view line) {
  if (color_) {
    buffer_.append(kColors[color_index % std::size(kColors)]);
  }
  buffer_.append(name);
  if (name.size() < name_width_) {
    buffer_.append(name_width_ - name.size(), ' ');
  }
  buffer_.append(" |");
  if (color_) {
    buffer_.append(kReset);
  }
  if (!line.empty()) {
    buffer_.push_back(' ');
    buffer_.append(line);
  }
  buffer_.push_back('\n');
  if (buffer_.size() >= kFlushThreshold) {
    flush();
  }
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
