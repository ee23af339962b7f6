#pragma once

#include "export/export.h"

#include <string>

// The pieces of to_kubernetes, shared by its files (not a public interface).
namespace drover::exporter::k8s {

struct Context {
  const core::Model& model;
  const KubernetesOptions& options;
  ExportResult& result;

  void warn(const core::ServiceSpec& spec, std::string message) const {
    result.warnings.push_back(Warning{spec.name, std::move(message)});
  }
};

// The labels every object of a service carries, and the subset selectors use.
YAML::Node labels(const Context& context, const core::ServiceSpec& spec);
YAML::Node selector_labels(const Context& context, const core::ServiceSpec& spec);

// apiVersion, kind, metadata (name, namespace, labels).
YAML::Node object_head(const Context& context, const core::ServiceSpec& spec,
                       const std::string& api_version, const std::string& kind,
                       const std::string& name);

// The pod's one container: image, command, env, ports, resources, probes.
YAML::Node container(const Context& context, const core::ServiceSpec& spec);

// readinessProbe / livenessProbe / startupProbe into `container`.
void add_probes(const Context& context, const core::ServiceSpec& spec, YAML::Node& container);

// The ports the service listens on: a container's published ports, else
// the port of an http or tcp health check. Sorted, no duplicates.
struct Port {
  int number = 0;
  std::string protocol = "TCP";

  auto operator<=>(const Port&) const = default;
};
std::vector<Port> listening_ports(const core::ServiceSpec& spec);

// The ConfigMap of a service's `env`, nullopt when it has none.
std::optional<Manifest> env_config_map(const Context& context, const core::ServiceSpec& spec);
std::string env_config_map_name(const core::ServiceSpec& spec);
std::string env_secret_name(const core::ServiceSpec& spec);

}  // namespace drover::exporter::k8s
