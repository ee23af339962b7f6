#include "export/values.h"

#include "core/probe_target.h"

#include <charconv>
#include <cmath>

namespace drover::exporter {

std::string dns_label(const std::string& name) {
  std::string out;
  for (char c : name) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c >= 'A' && c <= 'Z') {
      out += static_cast<char>(c - 'A' + 'a');
    } else if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  if (out.size() > 63) {
    out.resize(63);
  }
  while (!out.empty() && out.back() == '-') {
    out.pop_back();
  }
  return out.empty() ? "service" : out;
}

int whole_seconds(core::Duration duration, int minimum) {
  auto ms = duration.count();
  auto seconds = static_cast<int>((ms + 999) / 1000);
  return seconds < minimum ? minimum : seconds;
}

std::string memory_quantity(uint64_t bytes) {
  constexpr const char* kSuffixes[] = {"Ei", "Pi", "Ti", "Gi", "Mi", "Ki"};
  for (int i = 0; i < 6; ++i) {
    uint64_t unit = uint64_t{1} << (10 * (6 - i));
    if (bytes >= unit && bytes % unit == 0) {
      return std::to_string(bytes / unit) + kSuffixes[i];
    }
  }
  return std::to_string(bytes);
}

std::string cpu_quantity(double cpus) {
  auto millis = static_cast<long long>(std::llround(cpus * 1000.0));
  if (millis < 1) {
    millis = 1;  // Kubernetes' smallest CPU unit.
  }
  if (millis % 1000 == 0) {
    return std::to_string(millis / 1000);
  }
  return std::to_string(millis) + "m";
}

std::optional<std::string> cron_for_orchestrator(const core::ScheduleSpec& schedule) {
  if (!schedule.expression.is_interval()) {
    return schedule.cron;  // Five fields or a macro Kubernetes knows as well.
  }
  long long seconds = schedule.expression.every.count();
  if (seconds % 60 != 0) {
    return std::nullopt;
  }
  long long minutes = seconds / 60;
  if (minutes < 60 && 60 % minutes == 0) {
    return minutes == 1 ? "* * * * *" : "*/" + std::to_string(minutes) + " * * * *";
  }
  if (minutes % 60 == 0 && minutes / 60 <= 24 && 24 % (minutes / 60) == 0) {
    long long hours = minutes / 60;
    return hours == 24 ? "0 0 * * *"
                       : (hours == 1 ? "0 * * * *" : "0 */" + std::to_string(hours) + " * * *");
  }
  return std::nullopt;
}

namespace {

std::optional<core::ProbeTarget> probe_target(const core::HealthSpec& health) {
  std::string why;
  if (health.kind == core::ProbeKind::Http) {
    return core::parse_http_url(health.http_url, why);
  }
  if (health.kind == core::ProbeKind::Tcp) {
    return core::parse_tcp_address(health.tcp_address, why);
  }
  return std::nullopt;
}

}  // namespace

std::optional<int> probe_port(const core::HealthSpec& health) {
  std::optional<core::ProbeTarget> target = probe_target(health);
  if (!target) {
    return std::nullopt;
  }
  const std::string& text = target->port;
  int port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535) {
    return std::nullopt;
  }
  return port;
}

bool probe_is_local(const core::HealthSpec& health) {
  std::optional<core::ProbeTarget> target = probe_target(health);
  if (!target) {
    return true;
  }
  const std::string& host = target->host;
  return host.empty() || host == "localhost" || host == "::1" || host.starts_with("127.");
}

}  // namespace drover::exporter
