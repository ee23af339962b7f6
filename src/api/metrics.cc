// GET /metrics. Hand-written rather than a client library: the format is a
// few lines of text per family and Debian has no C++ Prometheus client; the
// end-to-end test parses the output with the reference Python parser.
#include "api/metrics.h"

#include "core/service_status.h"

#include <dirent.h>
#include <fstream>
#include <string_view>
#include <unistd.h>

namespace drover::api {
namespace {

constexpr core::State kStates[] = {
    core::State::Stopped,  core::State::Starting, core::State::Running, core::State::Backoff,
    core::State::Stopping, core::State::Exited,   core::State::Fatal,   core::State::Unknown};

// Label values escape backslash, double quote and newline.
std::string label_value(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double value) {
  char buffer[32];
  int n = std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return std::string(buffer, static_cast<size_t>(n));
}

class Writer {
 public:
  void family(std::string_view name, std::string_view type, std::string_view help) {
    name_ = name;
    text_ += "# HELP ";
    text_ += name;
    text_ += ' ';
    text_ += help;
    text_ += "\n# TYPE ";
    text_ += name;
    text_ += ' ';
    text_ += type;
    text_ += '\n';
  }
  void sample(std::string_view labels, double value) {
    text_ += name_;
    if (!labels.empty()) {
      text_ += '{';
      text_ += labels;
      text_ += '}';
    }
    text_ += ' ';
    text_ += number(value);
    text_ += '\n';
  }
  std::string take() { return std::move(text_); }

 private:
  std::string name_;
  std::string text_;
};

std::string service_label(const core::ServiceView& view) {
  return "service=\"" + label_value(view.name) + "\"";
}

template <typename Value>
void per_service(Writer& out, const std::vector<core::ServiceView>& views, std::string_view name,
                 std::string_view type, std::string_view help, Value value) {
  out.family(name, type, help);
  for (const core::ServiceView& view : views) {
    if (std::optional<double> sample = value(view)) {
      out.sample(service_label(view), *sample);
    }
  }
}

void state_family(Writer& out, const std::vector<core::ServiceView>& views) {
  out.family("drover_service_state", "gauge",
             "1 for the state the service is in, 0 for the others.");
  for (const core::ServiceView& view : views) {
    for (core::State state : kStates) {
      out.sample(service_label(view) + ",state=\"" + std::string(core::state_name(state)) + "\"",
                 view.state == state ? 1 : 0);
    }
  }
}

void daemon_families(Writer& out, const DaemonStats& daemon) {
  out.family("process_resident_memory_bytes", "gauge", "drover's resident set size.");
  out.sample("", static_cast<double>(daemon.resident_bytes));
  out.family("process_open_fds", "gauge", "drover's open file descriptors.");
  out.sample("", static_cast<double>(daemon.open_fds));
  out.family("process_start_time_seconds", "gauge", "When drover started, since the epoch.");
  out.sample("", daemon.start_time_seconds);
  out.family("drover_event_loop_lag_seconds", "gauge",
             "How long a handler posted at the previous scrape waited for the event loop.");
  out.sample("", daemon.event_loop_lag_seconds);
}

}  // namespace

std::string render_metrics(const std::vector<core::ServiceView>& views, const DaemonStats& daemon) {
  Writer out;
  state_family(out, views);
  using View = core::ServiceView;
  using Sample = std::optional<double>;
  per_service(out, views, "drover_service_up", "gauge", "1 when the service is RUNNING.",
              [](const View& v) -> Sample { return v.state == core::State::Running ? 1 : 0; });
  per_service(out, views, "drover_service_restarts_total", "counter",
              "Automatic restarts after the service's process ended.",
              [](const View& v) -> Sample { return v.restarts; });
  per_service(out, views, "drover_service_last_exit_code", "gauge",
              "Exit code of the last process (128+signal when killed); absent before the first "
              "exit.",
              [](const View& v) -> Sample {
                if (!v.last_exit) {
                  return std::nullopt;
                }
                return v.last_exit->signal != 0 ? 128 + v.last_exit->signal : v.last_exit->code;
              });
  per_service(out, views, "drover_service_healthy", "gauge",
              "1 when the last health probes pass, 0 when starting or failing; absent without a "
              "probe.",
              [](const View& v) -> Sample {
                if (v.health.empty()) {
                  return std::nullopt;
                }
                return v.health == "healthy" ? 1 : 0;
              });
  per_service(out, views, "drover_service_probe_duration_seconds", "gauge",
              "How long the last health probe took.", [](const View& v) -> Sample {
                if (v.probe_latency_ms < 0) {
                  return std::nullopt;
                }
                return static_cast<double>(v.probe_latency_ms) / 1000.0;
              });
  per_service(out, views, "drover_service_uptime_seconds", "gauge",
              "Seconds since the current process started; 0 without one.",
              [](const View& v) -> Sample { return static_cast<double>(v.uptime_seconds); });
  per_service(out, views, "drover_service_log_written_bytes_total", "counter",
              "Output bytes written to the service's log files.",
              [](const View& v) -> Sample { return static_cast<double>(v.log_written_bytes); });
  per_service(out, views, "drover_service_log_dropped_bytes_total", "counter",
              "Output bytes that could not be written to the log files (disk full, I/O errors).",
              [](const View& v) -> Sample { return static_cast<double>(v.log_dropped_bytes); });

  daemon_families(out, daemon);
  return out.take();
}

void read_process_stats(DaemonStats& stats) {
  std::ifstream statm("/proc/self/statm");
  uint64_t pages_total = 0;
  uint64_t pages_resident = 0;
  if (statm >> pages_total >> pages_resident) {
    stats.resident_bytes = pages_resident * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
  }
  if (DIR* dir = ::opendir("/proc/self/fd")) {
    uint64_t count = 0;
    while (const dirent* entry = ::readdir(dir)) {
      if (entry->d_name[0] != '.') {
        ++count;
      }
    }
    ::closedir(dir);
    stats.open_fds = count > 0 ? count - 1 : 0;  // Minus the directory's own fd.
  }
}

}  // namespace drover::api
