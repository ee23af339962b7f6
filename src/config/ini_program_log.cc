// stdout_logfile / stderr_logfile -> LogSpec. supervisord writes each stream
// to its own file (AUTO: one in childlogdir), to nowhere (NONE), or to a
// device such as /dev/stdout. drover's LogSpec has one switch for files and
// one for its unified stream, so the combinations it cannot express exactly
// are mapped to the nearest one and reported as warnings.
#include "config/ini_program.h"

#include <climits>

#include <filesystem>

namespace drover::config {
namespace {

enum class Target { File, Console, None };

struct StreamLog {
  Target target = Target::File;
  std::string path;
  std::optional<uint64_t> max_bytes;
  std::optional<long long> backups;
  uint64_t capture = 0;  // *_capture_maxbytes; 0 = no capture mode.
};

constexpr uint64_t kDefaultMaxBytes = 50ULL * 1024 * 1024;
constexpr int kDefaultBackups = 10;

// Devices that mean "the container's output": drover's unified stream.
bool is_console_device(const std::string& path) {
  static const char* const kDevices[] = {"/dev/stdout",  "/dev/stderr",     "/dev/fd/1",
                                         "/dev/fd/2",    "/proc/self/fd/1", "/proc/self/fd/2",
                                         "/proc/1/fd/1", "/proc/1/fd/2"};
  for (const char* device : kDevices) {
    if (path == device) {
      return true;
    }
  }
  return false;
}

std::string absolute(const std::string& path) {
  std::error_code ec;
  std::filesystem::path full = std::filesystem::absolute(path, ec);
  return ec ? path : full.lexically_normal().string();
}

StreamLog read_stream(IniSectionReader& r, const IniGlobals& g, const std::string& name,
                      const std::string& channel) {
  StreamLog log;
  std::string value = r.text(channel + "_logfile").value_or("AUTO");
  if (value == "NONE") {
    log.target = Target::None;
  } else if (is_console_device(value)) {
    log.target = Target::Console;
  } else if (value == "AUTO") {
    // supervisord adds a random suffix and deletes the files at start-up;
    // drover's names are stable, so they are reused instead.
    log.path = absolute(g.childlogdir + "/" + name + "-" + channel + "---" + g.identifier + ".log");
  } else {
    log.path = absolute(value);
  }
  log.max_bytes = r.byte_size(channel + "_logfile_maxbytes");
  log.backups = r.integer(channel + "_logfile_backups", 0, INT_MAX);
  log.capture = r.byte_size(channel + "_capture_maxbytes").value_or(0);
  if (auto syslog = r.boolean(channel + "_syslog"); syslog && *syslog) {
    r.warn(channel + "_syslog", "syslog output is not supported; ignored");
  }
  return log;
}

// The default file for a stream that supervisord would not write to a file
// but drover must, because the other stream goes to one.
std::string fallback_file(IniSectionReader& r, const std::string& dir, const std::string& name,
                          const std::string& channel, const std::string& key) {
  std::string path = dir + "/" + name + (channel == "stdout" ? ".out.log" : ".err.log");
  r.warn(key, "drover writes both streams to files when one of them goes to a file; " + channel +
                  " goes to " + path);
  return path;
}

void apply_sizes(IniSectionReader& r, const StreamLog& main, const StreamLog& other,
                 const std::string& other_channel, core::LogSpec& log) {
  log.max_size = main.max_bytes.value_or(kDefaultMaxBytes);
  log.backups = static_cast<int>(main.backups.value_or(kDefaultBackups));
  if (other.max_bytes && other.max_bytes.value_or(0) != log.max_size) {
    r.warn(other_channel + "_logfile_maxbytes",
           "drover rotates both streams' files at one size; using " + std::to_string(log.max_size));
  }
  if (other.backups && *other.backups != log.backups) {
    r.warn(other_channel + "_logfile_backups",
           "drover keeps one backup count for both streams; using " + std::to_string(log.backups));
  }
}

}  // namespace

void read_program_log(IniSectionReader& r, const IniGlobals& g, core::ServiceSpec& spec) {
  core::LogSpec& log = spec.log;
  bool merge = r.boolean("redirect_stderr").value_or(false);
  StreamLog out = read_stream(r, g, spec.name, "stdout");
  StreamLog err = read_stream(r, g, spec.name, "stderr");
  log.stdout_capture = out.capture;
  log.stderr_capture = err.capture;
  if (merge && r.entry("stderr_logfile") != nullptr) {
    r.warn("stderr_logfile", "ignored because redirect_stderr is true, as in supervisord");
  }
  if (merge) {
    err = out;
  }
  log.merge_stderr = merge;
  log.stdout_events = r.boolean("stdout_events_enabled").value_or(false);
  log.stderr_events = r.boolean("stderr_events_enabled").value_or(false);
  log.console = out.target == Target::Console || err.target == Target::Console;
  bool out_file = out.target == Target::File;
  bool err_file = err.target == Target::File;
  if (!out_file && !err_file) {
    log.files = false;
    return;
  }
  const StreamLog& main = out_file ? out : err;
  log.dir = std::filesystem::path(main.path).parent_path().string();
  log.stdout_file =
      out_file ? out.path : fallback_file(r, log.dir, spec.name, "stdout", "stdout_logfile");
  if (!merge) {
    log.stderr_file =
        err_file ? err.path : fallback_file(r, log.dir, spec.name, "stderr", "stderr_logfile");
  }
  // The other stream's size options matter only when it is a file of its own.
  StreamLog other = out_file && err_file && !merge ? err : StreamLog{};
  apply_sizes(r, main, other, "stderr", log);
}

}  // namespace drover::config
