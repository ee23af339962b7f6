#pragma once

#include "base/result.h"
#include "core/model.h"

#include <string>
#include <vector>

namespace drover::core {

struct RoleOptions {
  std::vector<std::string> extra_args;  // Appended to the service's argv.
  bool with_deps = false;               // Also start the longruns it depends on.
  bool interactive = false;             // Give the service drover's terminal.
};

// The model `drover run NAME` supervises: one image, one config, one role
// per container. Keeps `name` and what it depends on transitively — oneshots
// always (an init-db must run first), longruns only `with_deps` — and drops
// every other service. The role service is never restarted or retried (its
// end is the container's end), gets `extra_args`, and settings.role names it, so drover
// exits with its exit code. Dependencies on dropped services are removed.
// Unknown names fail with Errc::NotFound and a did-you-mean.
Result<Model> role_model(const Model& model, const std::string& name, const RoleOptions& options);

// What `drover roles` lists: every service (a oneshot others depend on is a
// role too: `drover run init-db` is how a Kubernetes Job runs it), in
// declaration order, with its type and the oneshots that run before it.
struct RoleInfo {
  std::string name;
  ServiceType type = ServiceType::Longrun;
  std::vector<std::string> runs_first;  // Oneshots `drover run` starts before it.
};
std::vector<RoleInfo> list_roles(const Model& model);

}  // namespace drover::core
