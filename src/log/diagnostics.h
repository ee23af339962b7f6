#pragma once

#include <string>
#include <string_view>

namespace drover::log {

enum class Level { Debug, Info, Warning, Error };

// drover's own messages, on stderr, one write() per message so they never
// interleave with each other mid-line. The grammar is skarnet's:
//   drover[web]: warning: unable to spawn: command "gunicorn" not found in PATH
//   drover: info: shutting down
// An empty `service` gives the second form. Debug messages appear only when
// $DROVER_DEBUG is set.
void say(Level level, std::string_view service, std::string_view text);

// Messages below `level` are not shown (drover run with a terminal keeps
// the screen for the service: only warnings and errors).
void set_min_level(Level level);

// Also appends every message, prefixed with the local time, to `path`
// (settings.daemon.log_file: supervisorctl maintail reads it). An empty path
// stops that. Returns false, and writes nowhere else, if it cannot be opened.
bool set_log_file(const std::string& path);

inline void info(std::string_view service, std::string_view text) {
  say(Level::Info, service, text);
}
inline void warn(std::string_view service, std::string_view text) {
  say(Level::Warning, service, text);
}
inline void error(std::string_view service, std::string_view text) {
  say(Level::Error, service, text);
}

}  // namespace drover::log
