// health and ready -> readinessProbe, livenessProbe, startupProbe. Each field
// maps one to one; see docs/decisions/0016-export.md for the few that do not.
#include "export/kubernetes_parts.h"
#include "export/values.h"
#include "export/yaml_text.h"

#include "core/probe_target.h"

namespace drover::exporter::k8s {
namespace {

bool default_statuses(const std::vector<int>& statuses) {
  if (statuses.empty()) {
    return true;
  }
  std::vector<int> all;
  for (int code = 200; code < 400; ++code) {
    all.push_back(code);
  }
  return statuses == all;
}

// The probe's action (exec, httpGet or tcpSocket) without timings.
YAML::Node handler(const Context& context, const core::ServiceSpec& spec) {
  const core::HealthSpec& health = spec.health;
  YAML::Node probe;
  if (health.kind == core::ProbeKind::Exec) {
    for (const std::string& word : health.exec) {
      probe["exec"]["command"].push_back(word);
    }
    return probe;
  }
  std::optional<int> port = probe_port(health);
  if (!port) {
    context.warn(spec, "the health check's port is not a number; no probe exported");
    return {};
  }
  std::string why;
  std::optional<core::ProbeTarget> target = health.kind == core::ProbeKind::Http
                                                ? core::parse_http_url(health.http_url, why)
                                                : core::parse_tcp_address(health.tcp_address, why);
  std::string key = health.kind == core::ProbeKind::Http ? "httpGet" : "tcpSocket";
  if (health.kind == core::ProbeKind::Http) {
    probe[key]["path"] = target->target;
  }
  if (!probe_is_local(health)) {
    probe[key]["host"] = target->host;
  }
  probe[key]["port"] = integer(*port);
  if (health.kind == core::ProbeKind::Http && !default_statuses(health.http_status)) {
    context.warn(spec,
                 "health.status: Kubernetes passes an HTTP probe on 200-399 only; the listed "
                 "statuses are not exported");
  }
  return probe;
}

void timings(YAML::Node& probe, const core::HealthSpec& health, int success_threshold) {
  probe["periodSeconds"] = integer(whole_seconds(health.interval));
  probe["timeoutSeconds"] = integer(whole_seconds(health.timeout));
  probe["successThreshold"] = integer(success_threshold);
  probe["failureThreshold"] = integer(health.retries < 1 ? 1 : health.retries);
}

// `ready: notify` or `{fd: N}`: Kubernetes cannot read the notify socket or
// the fd, but drover in the pod does, and `drover health NAME` reports it.
YAML::Node readiness_by_drover(const core::ServiceSpec& spec) {
  YAML::Node probe;
  probe["exec"]["command"].push_back("drover");
  probe["exec"]["command"].push_back("health");
  probe["exec"]["command"].push_back(spec.name);
  timings(probe, spec.health, 1);
  return probe;
}

}  // namespace

void add_probes(const Context& context, const core::ServiceSpec& spec, YAML::Node& container) {
  const core::HealthSpec& health = spec.health;
  bool by_drover =
      spec.ready.kind != core::ReadinessKind::None && spec.runtime == core::RuntimeKind::Process;
  if (health.kind == core::ProbeKind::None) {
    if (by_drover) {
      container["readinessProbe"] = readiness_by_drover(spec);
    }
    return;
  }
  YAML::Node action = handler(context, spec);
  if (action.IsNull()) {
    return;
  }
  if (health.start_period.count() > 0) {
    // Failures in the start period do not count: Kubernetes' startup probe
    // holds the other two back until it passes, for at most start_period.
    YAML::Node startup = YAML::Clone(action);
    timings(startup, health, 1);
    int period = whole_seconds(health.interval);
    startup["failureThreshold"] =
        integer((whole_seconds(health.start_period) + period - 1) / period +
                (health.retries < 1 ? 1 : health.retries));
    container["startupProbe"] = startup;
  }
  YAML::Node readiness = by_drover ? readiness_by_drover(spec) : YAML::Clone(action);
  if (!by_drover) {
    timings(readiness, health, health.success_threshold);
  }
  container["readinessProbe"] = readiness;
  if (health.on_failure == core::HealthFailureAction::Restart) {
    YAML::Node liveness = YAML::Clone(action);
    timings(liveness, health, 1);  // Kubernetes requires 1 for liveness.
    container["livenessProbe"] = liveness;
  }
}

}  // namespace drover::exporter::k8s
