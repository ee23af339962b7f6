// The pod's container. A process service runs `drover run NAME` from the one
// image, so everything drover does for a process (user, working directory,
// rlimits, log files, its own health checks) still happens inside the pod;
// a container service runs its own image directly.
#include "export/kubernetes_parts.h"
#include "export/values.h"
#include "export/yaml_text.h"

#include <algorithm>
#include <set>

namespace drover::exporter::k8s {
namespace {

std::string upper(std::string text) {
  for (char& c : text) {
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
  }
  return text;
}

void process_command(const core::ServiceSpec& spec, const Context& context, YAML::Node& out) {
  out["image"] = context.options.image;
  out["command"].push_back("drover");
  out["command"].push_back("run");
  out["command"].push_back(spec.name);
}

void container_command(const Context& context, const core::ServiceSpec& spec, YAML::Node& out) {
  const core::ContainerSpec& c = spec.container;
  out["image"] = c.image;
  constexpr const char* kPull[] = {"IfNotPresent", "Never", "Always"};
  out["imagePullPolicy"] = kPull[static_cast<int>(c.pull)];
  if (c.entrypoint) {
    for (const std::string& word : *c.entrypoint) {
      out["command"].push_back(word);
    }
  }
  for (const std::string& word : spec.argv) {
    out["args"].push_back(word);
  }
  if (!spec.working_dir.empty()) {
    out["workingDir"] = spec.working_dir;
  }
  if (!c.volumes.empty()) {
    context.warn(spec,
                 "volumes are not exported: give the pod PersistentVolumeClaims or "
                 "hostPath volumes by hand");
  }
  if (!c.network.empty() || !c.hostname.empty()) {
    context.warn(spec, "network and hostname are not exported: pods share the cluster network");
  }
  if (!spec.user.empty()) {
    context.warn(spec, "user is not exported: set securityContext.runAsUser by hand");
  }
}

void env_from(const core::ServiceSpec& spec, YAML::Node& out) {
  // Later sources win in Kubernetes, as `env:` wins over env_file in drover.
  if (!spec.env_file.empty()) {
    YAML::Node secret;
    secret["secretRef"]["name"] = env_secret_name(spec);
    out["envFrom"].push_back(secret);
  }
  if (spec.env.size() > spec.env_file_names.size()) {
    YAML::Node map;
    map["configMapRef"]["name"] = env_config_map_name(spec);
    out["envFrom"].push_back(map);
  }
}

void resources(const core::ServiceSpec& spec, YAML::Node& out) {
  std::optional<uint64_t> memory = spec.resources.memory;
  std::optional<double> cpus = spec.resources.cpus;
  if (spec.runtime == core::RuntimeKind::Container) {
    if (spec.container.memory_bytes > 0) {
      memory = spec.container.memory_bytes;
    }
    if (spec.container.nano_cpus > 0) {
      cpus = static_cast<double>(spec.container.nano_cpus) / 1e9;
    }
  }
  // Requests equal to limits: the pod is scheduled where what drover may
  // use is really there (Guaranteed QoS when both are set).
  for (const char* which : {"requests", "limits"}) {
    if (cpus) {
      out["resources"][which]["cpu"] = cpu_quantity(*cpus);
    }
    if (memory) {
      out["resources"][which]["memory"] = memory_quantity(*memory);
    }
  }
}

}  // namespace

std::vector<Port> listening_ports(const core::ServiceSpec& spec) {
  std::set<Port> ports;
  for (const core::PortMapping& mapping : spec.container.ports) {
    ports.insert(Port{mapping.container_port, upper(mapping.protocol)});
  }
  if (ports.empty() && probe_is_local(spec.health)) {
    if (std::optional<int> port = probe_port(spec.health)) {
      ports.insert(Port{*port, "TCP"});
    }
  }
  return {ports.begin(), ports.end()};
}

YAML::Node container(const Context& context, const core::ServiceSpec& spec) {
  YAML::Node out;
  out["name"] = dns_label(spec.name);
  if (spec.runtime == core::RuntimeKind::Container) {
    container_command(context, spec, out);
  } else {
    process_command(spec, context, out);
  }
  env_from(spec, out);
  for (const Port& port : listening_ports(spec)) {
    YAML::Node entry;
    entry["containerPort"] = integer(port.number);
    entry["protocol"] = port.protocol;
    out["ports"].push_back(entry);
  }
  resources(spec, out);
  add_probes(context, spec, out);
  return out;
}

std::string env_config_map_name(const core::ServiceSpec& spec) {
  return dns_label(spec.name) + "-env";
}

std::string env_secret_name(const core::ServiceSpec& spec) {
  return dns_label(spec.name) + "-env-file";
}

std::optional<Manifest> env_config_map(const Context& context, const core::ServiceSpec& spec) {
  const std::vector<std::string>& from_file = spec.env_file_names;
  YAML::Node data;
  for (const auto& [name, value] : spec.env) {
    if (std::find(from_file.begin(), from_file.end(), name) == from_file.end()) {
      data[name] = value;
    }
  }
  if (data.size() == 0) {
    return std::nullopt;
  }
  std::string name = env_config_map_name(spec);
  YAML::Node body = object_head(context, spec, "v1", "ConfigMap", name);
  body["data"] = data;
  return Manifest{"ConfigMap", name, body};
}

}  // namespace drover::exporter::k8s
