// Renders `drover status`. Separate from the command so the layout can be
// tested as golden strings without a daemon.
#include "cli/render_table.h"

#include "base/signal_names.h"

#include <algorithm>
#include <array>

namespace drover::cli {
namespace {

constexpr size_t kColumns = 7;
using Row = std::array<std::string, kColumns>;

Row header_row() { return {"NAME", "STATE", "PID", "UPTIME", "RESTARTS", "EXIT", "DESCRIPTION"}; }

// "healthy (HTTP 200, 3ms)" ahead of the description, for services with a probe.
std::string describe(const core::ServiceView& view) {
  std::string text = view.description;
  if (!view.ready_status.empty()) {
    text = "status: " + view.ready_status + (text.empty() ? "" : "; " + text);
  }
  if (view.health.empty()) {
    return text;
  }
  std::string health = view.health;
  std::string output = view.health_output.substr(0, view.health_output.find('\n'));
  if (view.probe_latency_ms >= 0) {
    health += " (" + (output.empty() ? "" : output.substr(0, 60) + ", ") +
              std::to_string(view.probe_latency_ms) + "ms)";
  }
  return health + (text.empty() ? "" : "; " + text);
}

Row row_for(const core::ServiceView& view) {
  bool has_process = view.pid > 0;
  return {view.name,
          std::string(core::state_name(view.state)),
          has_process ? std::to_string(view.pid) : "-",
          has_process ? format_uptime(view.uptime_seconds) : "-",
          std::to_string(view.restarts),
          format_last_exit(view.last_exit),
          describe(view)};
}

std::string two_digits(int64_t value) {
  std::string digits = std::to_string(value);
  // Padded in place: GCC 12's -Wrestrict misfires on `"0" + std::string`.
  return digits.size() < 2 ? digits.insert(0, 1, '0') : digits;
}

}  // namespace

std::string format_uptime(int64_t seconds) {
  if (seconds < 0) {
    seconds = 0;
  }
  return std::to_string(seconds / 3600) + ":" + two_digits(seconds / 60 % 60) + ":" +
         two_digits(seconds % 60);
}

std::string format_last_exit(const std::optional<core::ExitStatus>& status) {
  if (!status) {
    return "-";
  }
  if (status->signal != 0) {
    return "SIG" + signal_name(status->signal);
  }
  return std::to_string(status->code);
}

std::string render_status_table(const std::vector<core::ServiceView>& views) {
  std::vector<Row> rows{header_row()};
  for (const core::ServiceView& view : views) {
    rows.push_back(row_for(view));
  }
  std::array<size_t, kColumns> widths{};
  for (const Row& row : rows) {
    for (size_t i = 0; i < kColumns; ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  std::string out;
  for (const Row& row : rows) {
    std::string line;
    for (size_t i = 0; i < kColumns; ++i) {
      line += row[i];
      if (i + 1 < kColumns) {
        line.append(widths[i] - row[i].size() + 2, ' ');
      }
    }
    // An empty description would otherwise leave the padding behind.
    line.erase(line.find_last_not_of(' ') + 1);
    out += line + '\n';
  }
  return out;
}

}  // namespace drover::cli
