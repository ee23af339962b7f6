// `drover run` and `drover roles`: one image, one config, one role per
// container (issue #9). The model transformation is core/role; this file
// only finds the config and hands the result to the same supervise() as up.
#include "role_main.h"

#include "up.h"

#include "core/role.h"
#include "log/diagnostics.h"

#include <iostream>
#include <unistd.h>

namespace drover {

int run_role(const cli::RunRequest& request) {
  std::optional<LoadedConfig> loaded = load_config_for_command(request.config);
  if (!loaded) {
    return 2;
  }
  core::RoleOptions options;
  options.extra_args = request.args;
  options.with_deps = request.with_deps;
  options.interactive = !request.no_tty && ::isatty(0) == 1;
  Result<core::Model> role = core::role_model(loaded->model, request.name, options);
  if (!role) {
    std::cerr << "drover: " << role.error().message << "\n";
    return 2;
  }
  if (options.interactive) {
    log::set_min_level(log::Level::Warning);  // The terminal is the service's.
  }
  std::string name = request.name;
  return supervise(loaded->path, std::move(*role), {},
                   [name, options](core::Model reloaded) -> Result<core::Model> {
                     return core::role_model(reloaded, name, options);
                   });
}

int list_roles(const std::string& config_flag) {
  std::optional<LoadedConfig> loaded = load_config_for_command(config_flag);
  if (!loaded) {
    return 2;
  }
  size_t width = 4;
  for (const core::ServiceSpec& spec : loaded->model.services) {
    width = std::max(width, spec.name.size());
  }
  std::cout << std::string("NAME") + std::string(width - 4 + 2, ' ') << "TYPE     RUNS FIRST\n";
  for (const core::RoleInfo& role : core::list_roles(loaded->model)) {
    std::string first;
    for (const std::string& name : role.runs_first) {
      first += (first.empty() ? "" : ", ") + name;
    }
    std::string type = role.type == core::ServiceType::Oneshot ? "oneshot" : "longrun";
    std::cout << role.name << std::string(width - role.name.size() + 2, ' ') << type
              << std::string(9 - type.size(), ' ') << (first.empty() ? "-" : first) << "\n";
  }
  return 0;
}

}  // namespace drover
