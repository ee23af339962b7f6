// to_kubernetes: one workload per service, chosen by its shape — a longrun
// is a Deployment, a oneshot a Job, a scheduled service a CronJob — plus a
// Service for a longrun that listens and a ConfigMap for `env`.
#include "export/kubernetes_parts.h"
#include "export/values.h"
#include "export/yaml_text.h"

namespace drover::exporter::k8s {
namespace {

YAML::Node pod_template(const Context& context, const core::ServiceSpec& spec,
                        const char* restart_policy) {
  YAML::Node pod;
  pod["metadata"]["labels"] = labels(context, spec);
  for (const auto& [key, value] : spec.container.labels) {
    pod["metadata"]["labels"][key] = value;
  }
  pod["spec"]["restartPolicy"] = restart_policy;
  // drover's stop_timeout is the time between SIGTERM and SIGKILL, which is
  // what Kubernetes' grace period is.
  pod["spec"]["terminationGracePeriodSeconds"] = integer(whole_seconds(spec.stop_timeout));
  pod["spec"]["containers"].push_back(container(context, spec));
  return pod;
}

void warn_dependencies(const Context& context, const core::ServiceSpec& spec) {
  for (const core::Dependency& dependency : spec.depends_on) {
    const core::ServiceSpec* other = context.model.find(dependency.name);
    if (other != nullptr && other->type == core::ServiceType::Oneshot) {
      continue;  // `drover run` runs it in the pod first (decision 0016).
    }
    context.warn(spec, "depends_on " + dependency.name +
                           ": Kubernetes does not order workloads; the service must retry "
                           "until " +
                           dependency.name + " is reachable");
  }
}

Manifest deployment(const Context& context, const core::ServiceSpec& spec) {
  std::string name = dns_label(spec.name);
  YAML::Node body = object_head(context, spec, "apps/v1", "Deployment", name);
  // A service that does not autostart waits for `drover start`; here, for a
  // `kubectl scale`.
  body["spec"]["replicas"] = integer(spec.autostart ? spec.replicas : 0);
  body["spec"]["selector"]["matchLabels"] = selector_labels(context, spec);
  body["spec"]["template"] = pod_template(context, spec, "Always");
  return Manifest{"Deployment", name, body};
}

std::optional<Manifest> service(const Context& context, const core::ServiceSpec& spec) {
  std::vector<Port> ports = listening_ports(spec);
  if (ports.empty()) {
    return std::nullopt;
  }
  std::string name = dns_label(spec.name);
  YAML::Node body = object_head(context, spec, "v1", "Service", name);
  body["spec"]["selector"] = selector_labels(context, spec);
  for (const Port& port : ports) {
    YAML::Node entry;
    std::string protocol = port.protocol;
    for (char& c : protocol) {
      c = static_cast<char>(c - 'A' + 'a');
    }
    entry["name"] = protocol + "-" + std::to_string(port.number);
    entry["port"] = integer(port.number);
    entry["targetPort"] = integer(port.number);
    entry["protocol"] = port.protocol;
    body["spec"]["ports"].push_back(entry);
  }
  return Manifest{"Service", name, body};
}

YAML::Node job_spec(const Context& context, const core::ServiceSpec& spec) {
  YAML::Node job;
  job["backoffLimit"] = integer(spec.start_retries);
  if (spec.schedule.max_runtime.count() > 0) {
    job["activeDeadlineSeconds"] = integer(whole_seconds(spec.schedule.max_runtime));
  }
  job["template"] = pod_template(context, spec, "Never");
  return job;
}

Manifest job(const Context& context, const core::ServiceSpec& spec) {
  std::string name = dns_label(spec.name);
  YAML::Node body = object_head(context, spec, "batch/v1", "Job", name);
  body["spec"] = job_spec(context, spec);
  return Manifest{"Job", name, body};
}

std::optional<Manifest> cron_job(const Context& context, const core::ServiceSpec& spec) {
  std::optional<std::string> schedule = cron_for_orchestrator(spec.schedule);
  if (!schedule) {
    context.warn(spec, "schedule \"" + spec.schedule.cron +
                           "\" has no cron equivalent; no CronJob exported");
    return std::nullopt;
  }
  std::string name = dns_label(spec.name);
  YAML::Node body = object_head(context, spec, "batch/v1", "CronJob", name);
  constexpr const char* kPolicies[] = {"Forbid", "Allow", "Replace"};
  body["spec"]["schedule"] = *schedule;
  body["spec"]["timeZone"] = spec.schedule.timezone.empty() ? "Etc/UTC" : spec.schedule.timezone;
  body["spec"]["concurrencyPolicy"] = kPolicies[static_cast<int>(spec.schedule.concurrency)];
  if (spec.schedule.starting_deadline.count() > 0) {
    body["spec"]["startingDeadlineSeconds"] =
        integer(whole_seconds(spec.schedule.starting_deadline));
  }
  YAML::Node job = job_spec(context, spec);
  job["backoffLimit"] =
      integer(0);  // drover runs a due time once; a failed run waits for the next.
  body["spec"]["jobTemplate"]["metadata"]["labels"] = labels(context, spec);
  body["spec"]["jobTemplate"]["spec"] = job;
  return Manifest{"CronJob", name, body};
}

void add(ExportResult& result, std::optional<Manifest> manifest) {
  if (manifest) {
    result.objects.push_back(std::move(*manifest));
  }
}

void export_service(const Context& context, const core::ServiceSpec& spec) {
  if (spec.runtime == core::RuntimeKind::Remote) {
    context.warn(spec, "runtime remote runs on another host over SSH; not exported");
    return;
  }
  if (dns_label(spec.name) != spec.name) {
    context.warn(spec, "exported as \"" + dns_label(spec.name) +
                           "\" (Kubernetes names are lower-case DNS labels)");
  }
  if (spec.replicas != 1 && spec.type == core::ServiceType::Oneshot) {
    context.warn(spec, "replicas applies to longruns only; a oneshot runs once");
  }
  warn_dependencies(context, spec);
  if (!spec.env_file.empty()) {
    std::string file = spec.env_file.substr(spec.env_file.rfind('/') + 1);
    context.warn(spec, "env_file is referenced as Secret " + env_secret_name(spec) +
                           "; create it with `kubectl create secret generic " +
                           env_secret_name(spec) + " --from-env-file=" + file + "`");
  }
  add(context.result, env_config_map(context, spec));
  if (spec.schedule.scheduled()) {
    add(context.result, cron_job(context, spec));
  } else if (spec.type == core::ServiceType::Oneshot) {
    add(context.result, job(context, spec));
  } else {
    add(context.result, deployment(context, spec));
    add(context.result, service(context, spec));
  }
}

}  // namespace

YAML::Node labels(const Context& context, const core::ServiceSpec& spec) {
  YAML::Node out = selector_labels(context, spec);
  out["app.kubernetes.io/managed-by"] = "drover";
  return out;
}

YAML::Node selector_labels(const Context& context, const core::ServiceSpec& spec) {
  YAML::Node out;
  out["app.kubernetes.io/name"] = dns_label(spec.name);
  out["app.kubernetes.io/part-of"] = context.options.app;
  return out;
}

YAML::Node object_head(const Context& context, const core::ServiceSpec& spec,
                       const std::string& api_version, const std::string& kind,
                       const std::string& name) {
  YAML::Node head;
  head["apiVersion"] = api_version;
  head["kind"] = kind;
  head["metadata"]["name"] = name;
  if (!context.options.namespace_.empty()) {
    head["metadata"]["namespace"] = context.options.namespace_;
  }
  head["metadata"]["labels"] = labels(context, spec);
  return head;
}

}  // namespace drover::exporter::k8s

namespace drover::exporter {

ExportResult to_kubernetes(const core::Model& model, const KubernetesOptions& options) {
  ExportResult result;
  k8s::Context context{model, options, result};
  for (const core::ServiceSpec& spec : model.services) {
    k8s::export_service(context, spec);
  }
  return result;
}

}  // namespace drover::exporter
