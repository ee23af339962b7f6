// drover's own diagnostics. Plain write(2) to stderr: no buffering that could
// lose the last message when PID 1 exits, and no allocation beyond the line.
#include "log/diagnostics.h"

#include <cstdlib>
#include <string>
#include <unistd.h>

namespace drover::log {

void say(Level level, std::string_view service, std::string_view text) {
  static const bool debug = std::getenv("DROVER_DEBUG") != nullptr;
  if (level == Level::Debug && !debug) {
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
}

}  // namespace drover::log
