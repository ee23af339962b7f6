// drover's own diagnostics. Plain write(2) to stderr: no buffering that could
// lose the last message when PID 1 exits, and no allocation beyond the line.
#include "log/diagnostics.h"

#include <cstdlib>
#include <ctime>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace drover::log {
namespace {

int log_file_fd = -1;  // settings.daemon.log_file; -1: none.
Level min_level = Level::Debug;

void append_to_log_file(std::string_view line) {
  if (log_file_fd < 0) {
    return;
  }
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  size_t length = std::strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S ", &local);
  std::string stamped(stamp, length);
  stamped += line;
  ssize_t ignored = ::write(log_file_fd, stamped.data(), stamped.size());
  (void)ignored;
}

}  // namespace

void set_min_level(Level level) { min_level = level; }

bool set_log_file(const std::string& path) {
  if (log_file_fd >= 0) {
    ::close(log_file_fd);
    log_file_fd = -1;
  }
  if (path.empty()) {
    return true;
  }
  log_file_fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  return log_file_fd >= 0;
}

void say(Level level, std::string_view service, std::string_view text) {
  static const bool debug = std::getenv("DROVER_DEBUG") != nullptr;
  if ((level == Level::Debug && !debug) || level < min_level) {
    return;
  }
  static constexpr std::string_view kLevels[] = {"debug", "info", "warning", "error"};
  std::string line = "drover";
  if (!service.empty()) {
    line += '[';
    line += service;
    line += ']';
  }
  line += ": ";
  line += kLevels[static_cast<int>(level)];
  line += ": ";
  line += text;
  line += '\n';
  ssize_t ignored = ::write(2, line.data(), line.size());
  (void)ignored;
  append_to_log_file(line);
}

}  // namespace drover::log
