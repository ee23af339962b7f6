#pragma once

#include "core/model.h"

#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

// `drover export` (issue 10): the loaded model translated into an
// orchestrator's objects. Pure: no files, no clock; the same model and
// options always give the same objects in the same order, so the output
// diffs well in git. Maps keep insertion order (yaml-cpp does).
namespace drover::exporter {

// Something the target cannot express. Never silent: the CLI prints each one.
struct Warning {
  std::string service;  // Empty: the whole stack.
  std::string message;

  bool operator==(const Warning&) const = default;
};

// One object: a Kubernetes resource, or the whole Compose file.
struct Manifest {
  std::string kind;  // "Deployment", "Service", ... or "compose".
  std::string name;
  YAML::Node body;
};

struct ExportResult {
  std::vector<Manifest> objects;
  std::vector<Warning> warnings;
};

struct KubernetesOptions {
  std::string image;       // The one image that holds drover, the config and the apps.
  std::string namespace_;  // Empty: no metadata.namespace (kubectl's current one).
  std::string app;         // app.kubernetes.io/part-of; the stack's name.
};

// One Deployment (and a Service when it listens) per longrun, a Job per
// oneshot, a CronJob per scheduled service, ConfigMaps for `env`. Every
// drover-run container runs `drover run NAME` from `image`. See
// docs/decisions/0016-export.md for each mapping.
ExportResult to_kubernetes(const core::Model& model, const KubernetesOptions& options);

struct ComposeOptions {
  std::string image;
};

// One Compose file (version 3.8) with a service per drover service.
ExportResult to_compose(const core::Model& model, const ComposeOptions& options);

// The objects as one YAML stream, "---" between documents.
std::string render(const std::vector<Manifest>& objects);

// The file name of one object under `-o DIR`: "<name>-<kind>.yaml", lower case.
std::string file_name(const Manifest& object);

}  // namespace drover::exporter
