// drover's own options in [program:x]: what supervisord cannot say.
// supervisord orders start-up by priority but never waits, so
// `depends_on = migrate:completed_successfully` is what makes "migrate before
// web" correct in its format. The health keys fill the same HealthSpec as
// YAML's `health:` map (docs/supervisord-compat.md, "drover extensions").
#include "base/duration.h"
#include "base/shell_words.h"
#include "config/ini_program.h"
#include "config/ini_values.h"

#include <climits>

#include <algorithm>

namespace drover::config {
namespace {

using core::ServiceSpec;

const std::vector<std::string> kConditions = {"started", "healthy", "completed_successfully"};

void read_depends_on(IniSectionReader& r, ServiceRead& out) {
  const IniEntry* entry = r.entry("depends_on");
  std::optional<std::string> value = r.text("depends_on");
  if (!value) {
    return;
  }
  bool one_line = entry->value.find('\n') == std::string::npos && *value == entry->value;
  for (const auto& [item, offset] : split_ini_list(*value)) {
    SourceLocation at = entry->at;
    if (one_line) {
      at.column += static_cast<int>(offset);
    }
    size_t colon = item.rfind(':');
    core::Dependency dep{item, core::DependencyCondition::Started};
    if (colon != std::string::npos) {
      dep.name = item.substr(0, colon);
      std::string condition = item.substr(colon + 1);
      auto found = std::find(kConditions.begin(), kConditions.end(), condition);
      if (found == kConditions.end()) {
        r.error("depends_on", "unknown condition \"" + condition +
                                  "\"; expected started, healthy or completed_successfully");
        continue;
      }
      dep.condition = static_cast<core::DependencyCondition>(found - kConditions.begin());
    }
    out.spec.depends_on.push_back(dep);
    out.where.dependency_at.push_back(at);
  }
}

// A duration: a bare number is seconds, as everywhere in supervisord's
// format; "500ms", "1m30s" as in drover.yaml.
std::optional<core::Duration> duration(IniSectionReader& r, const std::string& key) {
  std::optional<std::string> value = r.text(key);
  if (!value) {
    return std::nullopt;
  }
  bool digits = !value->empty() && value->find_first_not_of("0123456789") == std::string::npos;
  Result<core::Duration> parsed = parse_duration(digits ? *value + "s" : *value);
  if (!parsed) {
    r.error(key, parsed.error().message);
    return std::nullopt;
  }
  return *parsed;
}

void read_probe(IniSectionReader& r, core::HealthSpec& health) {
  int kinds = 0;
  if (auto exec = r.text("health_exec")) {
    ++kinds;
    health.kind = core::ProbeKind::Exec;
    auto words = split_shell_words(*exec);
    if (!words || words->empty()) {
      r.error("health_exec", words ? "is empty" : words.error().message);
    } else {
      health.exec = std::move(*words);
    }
  }
  if (auto url = r.text("health_http")) {
    ++kinds;
    health.kind = core::ProbeKind::Http;
    health.http_url = *url;
    if (url->rfind("http://", 0) != 0) {
      r.error("health_http", "expected an http:// URL, got \"" + *url + "\"");
    }
  }
  if (auto address = r.text("health_tcp")) {
    ++kinds;
    health.kind = core::ProbeKind::Tcp;
    health.tcp_address = *address;
    if (address->rfind(':') == std::string::npos) {
      r.error("health_tcp", "expected host:port, got \"" + *address + "\"");
    }
  }
  if (kinds > 1) {
    r.error("health_exec", "choose one of health_exec, health_http and health_tcp");
  }
}

void read_health(IniSectionReader& r, core::HealthSpec& health) {
  read_probe(r, health);
  if (auto statuses = r.text("health_http_status")) {
    for (const auto& [item, offset] : split_ini_list(*statuses)) {
      char* end = nullptr;
      long status = std::strtol(item.c_str(), &end, 10);
      if (*end != '\0' || status < 100 || status > 599) {
        r.error("health_http_status", "\"" + item + "\" is not an HTTP status");
        break;
      }
      health.http_status.push_back(static_cast<int>(status));
    }
  }
  health.interval = duration(r, "health_interval").value_or(health.interval);
  health.timeout = duration(r, "health_timeout").value_or(health.timeout);
  health.start_period = duration(r, "health_start_period").value_or(health.start_period);
  health.retries =
      static_cast<int>(r.integer("health_retries", 1, INT_MAX).value_or(health.retries));
  health.success_threshold = static_cast<int>(
      r.integer("health_success_threshold", 1, INT_MAX).value_or(health.success_threshold));
  if (auto action = r.text("health_on_failure")) {
    if (*action == "restart" || *action == "none") {
      health.on_failure =
          *action == "none" ? core::HealthFailureAction::None : core::HealthFailureAction::Restart;
    } else {
      r.error("health_on_failure", "expected restart or none, got \"" + *action + "\"");
    }
  }
}

void read_ready(IniSectionReader& r, core::ReadySpec& ready) {
  if (auto value = r.text("ready")) {
    if (*value == "notify") {
      ready.kind = core::ReadinessKind::Notify;
    } else if (value->rfind("fd:", 0) == 0 && value->size() > 3 &&
               value->find_first_not_of("0123456789", 3) == std::string::npos &&
               value->size() < 6 && std::stoi(value->substr(3)) >= 3) {
      ready.kind = core::ReadinessKind::Fd;
      ready.fd = std::stoi(value->substr(3));
    } else {
      r.error("ready", "expected notify or fd:N (N >= 3), got \"" + *value + "\"");
    }
  }
  ready.watchdog = duration(r, "ready_watchdog").value_or(ready.watchdog);
}

void read_type(IniSectionReader& r, ServiceSpec& spec) {
  std::optional<std::string> type = r.text("type");
  if (!type) {
    return;
  }
  if (*type == "oneshot" || *type == "longrun") {
    spec.type = *type == "oneshot" ? core::ServiceType::Oneshot : core::ServiceType::Longrun;
    if (spec.type == core::ServiceType::Oneshot && r.entry("autorestart") == nullptr) {
      spec.restart = core::RestartPolicy::Never;  // As in drover.yaml.
    }
  } else {
    r.error("type", "expected longrun or oneshot, got \"" + *type + "\"");
  }
}

}  // namespace

const std::vector<std::string>& extension_keys() {
  static const std::vector<std::string> keys = {
      "depends_on",          "required",        "type",
      "health_exec",         "health_http",     "health_http_status",
      "health_tcp",          "health_interval", "health_timeout",
      "health_start_period", "health_retries",  "health_success_threshold",
      "health_on_failure",   "ready",           "ready_watchdog"};
  return keys;
}

void read_extensions(IniSectionReader& r, ServiceRead& out) {
  read_depends_on(r, out);
  if (auto required = r.boolean("required")) {
    out.spec.required = *required;
  }
  read_type(r, out.spec);
  read_health(r, out.spec.health);
  read_ready(r, out.spec.ready);
}

}  // namespace drover::config
