#pragma once

// The pieces of `drover up` that `drover run` (role_main.cc) and the
// supervisord alias (supervisord_main.cc) reuse; main.cc defines them.
#include "base/result.h"
#include "config/config.h"
#include "core/model.h"

#include <functional>
#include <optional>
#include <string>

namespace drover {

// Loads `path` for `up`, printing warnings and errors on stderr.
Result<core::Model> load_for_up(const std::string& path,
                                const config::SupervisordOverrides& overrides);

// A config file that was found and loaded.
struct LoadedConfig {
  std::string path;
  core::Model model;
};

// Locates the config (`flag`, else the environment and the usual places) and
// loads it with load_for_up and no overrides: what `up`, `run`, `roles` and
// `export` start with. When either step fails the reason is already on
// stderr and the result is empty; the command then exits 2.
std::optional<LoadedConfig> load_config_for_command(const std::string& flag);

// Turns a freshly loaded model into the one to supervise (role mode keeps
// one service and its oneshots); applied again to every reload.
using Reshape = std::function<Result<core::Model>(core::Model)>;

// Runs the supervisor and the control API until the stack has stopped;
// returns the exit code. Reloads re-read `path` with the same overrides,
// then `reshape` (when given).
int supervise(const std::string& path, core::Model model,
              const config::SupervisordOverrides& overrides, Reshape reshape = {});

}  // namespace drover
