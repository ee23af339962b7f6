// to_compose: one Compose file (3.8) that both `docker compose up` and
// `docker stack deploy` read: deploy: for the swarm, restart: and depends_on
// conditions for the plain engine (a swarm ignores depends_on).
#include "export/export.h"
#include "export/values.h"
#include "export/yaml_text.h"

namespace drover::exporter {
namespace {

std::string duration_text(core::Duration duration) {
  return std::to_string(whole_seconds(duration, 0)) + "s";
}

const char* condition_name(core::DependencyCondition condition, const core::ServiceSpec* other) {
  if (condition == core::DependencyCondition::CompletedSuccessfully ||
      (other != nullptr && other->type == core::ServiceType::Oneshot)) {
    return "service_completed_successfully";
  }
  return condition == core::DependencyCondition::Healthy ? "service_healthy" : "service_started";
}

YAML::Node healthcheck(const core::ServiceSpec& spec, std::vector<Warning>& warnings) {
  YAML::Node check;
  if (spec.runtime == core::RuntimeKind::Process) {
    // drover in the container runs the real probe (exec, http or tcp) and
    // readiness; `drover health NAME` reports its verdict.
    for (const char* word : {"CMD", "drover", "health"}) {
      check["test"].push_back(word);
    }
    check["test"].push_back(spec.name);
  } else if (spec.health.kind == core::ProbeKind::Exec) {
    check["test"].push_back("CMD");
    for (const std::string& word : spec.health.exec) {
      check["test"].push_back(word);
    }
  } else {
    warnings.push_back({spec.name,
                        "an http or tcp check of a container has no Compose "
                        "equivalent without a client in its image; not exported"});
    return {};
  }
  check["interval"] = duration_text(spec.health.interval);
  check["timeout"] = duration_text(spec.health.timeout);
  check["retries"] = integer(spec.health.retries < 1 ? 1 : spec.health.retries);
  check["start_period"] = duration_text(spec.health.start_period);
  return check;
}

// Compose's cpus is a decimal string: 0.5 -> "0.5", 2 -> "2" (to the millicpu).
std::string cpus_text(double cpus) {
  std::string millis = cpu_quantity(cpus);
  if (!millis.ends_with("m")) {
    return millis;
  }
  int value = std::stoi(millis);
  std::string fraction = std::to_string(1000 + value % 1000).substr(1);
  while (fraction.back() == '0') {
    fraction.pop_back();
  }
  return std::to_string(value / 1000) + "." + fraction;
}

// Compose's sizes: bytes, or a number with b, k, m or g (binary units).
std::string compose_size(uint64_t bytes) {
  std::string quantity = memory_quantity(bytes);
  for (const char* unit : {"Ki", "Mi", "Gi"}) {
    if (quantity.ends_with(unit)) {
      return quantity.substr(0, quantity.size() - 2) + static_cast<char>(unit[0] - 'A' + 'a');
    }
  }
  return bytes % 1024 == 0 ? std::to_string(bytes / 1024) + "k" : std::to_string(bytes) + "b";
}

YAML::Node deploy(const core::ServiceSpec& spec) {
  YAML::Node out;
  out["replicas"] = integer(spec.type == core::ServiceType::Oneshot ? 1 : spec.replicas);
  if (spec.resources.cpus) {
    out["resources"]["limits"]["cpus"] = cpus_text(*spec.resources.cpus);
  }
  if (spec.resources.memory) {
    out["resources"]["limits"]["memory"] = compose_size(*spec.resources.memory);
  }
  // A oneshot runs once; a longrun is restarted whatever its exit, because
  // `drover run` has already applied the service's own restart policy.
  bool once = spec.type == core::ServiceType::Oneshot;
  out["restart_policy"]["condition"] = once ? "none" : "any";
  return out;
}

YAML::Node command(const core::ServiceSpec& spec, const ComposeOptions& options) {
  YAML::Node out;
  out["image"] = options.image;
  for (const char* word : {"drover", "run"}) {
    out["command"].push_back(word);
  }
  out["command"].push_back(spec.name);
  return out;
}

// Schedules and non-process runtimes are left out (with a warning each).
bool exported(const core::ServiceSpec& spec) {
  return spec.runtime == core::RuntimeKind::Process && !spec.schedule.scheduled();
}

YAML::Node service(const core::Model& model, const core::ServiceSpec& spec,
                   const ComposeOptions& options, std::vector<Warning>& warnings) {
  YAML::Node out = command(spec, options);
  out["restart"] = spec.type == core::ServiceType::Oneshot ? "no" : "always";
  for (const core::Dependency& dependency : spec.depends_on) {
    const core::ServiceSpec* other = model.find(dependency.name);
    if (other == nullptr || !exported(*other)) {
      warnings.push_back({spec.name, "depends_on " + dependency.name +
                                         ": not in the Compose file, so not a dependency there"});
      continue;
    }
    out["depends_on"][dependency.name]["condition"] = condition_name(dependency.condition, other);
  }
  bool has_check =
      spec.health.kind != core::ProbeKind::None ||
      (spec.ready.kind != core::ReadinessKind::None && spec.runtime == core::RuntimeKind::Process);
  if (has_check && spec.type == core::ServiceType::Longrun) {
    YAML::Node check = healthcheck(spec, warnings);
    if (!check.IsNull()) {
      out["healthcheck"] = check;
    }
  }
  out["deploy"] = deploy(spec);
  return out;
}

}  // namespace

ExportResult to_compose(const core::Model& model, const ComposeOptions& options) {
  ExportResult result;
  YAML::Node file;
  file["version"] = "3.8";
  for (const core::ServiceSpec& spec : model.services) {
    if (spec.runtime != core::RuntimeKind::Process) {
      result.warnings.push_back({spec.name, "only process services are exported to Compose"});
      continue;
    }
    if (spec.schedule.scheduled()) {
      result.warnings.push_back({spec.name,
                                 "Compose has no schedules; run it under `drover up` "
                                 "or export to Kubernetes (CronJob)"});
      continue;
    }
    file["services"][spec.name] = service(model, spec, options, result.warnings);
  }
  result.objects.push_back(Manifest{"compose", "compose", file});
  return result;
}

}  // namespace drover::exporter
