#pragma once

// The pieces of `drover up` that the supervisord alias reuses (main.cc), and
// the alias itself (supervisord_main.cc).
#include "base/result.h"
#include "cli/cli.h"
#include "config/config.h"
#include "core/model.h"

#include <string>

namespace drover {

// Loads `path` for `up`, printing warnings and errors on stderr.
Result<core::Model> load_for_up(const std::string& path,
                                const config::SupervisordOverrides& overrides);

// Runs the supervisor and the control API until the stack has stopped;
// returns the exit code. Reloads re-read `path` with the same overrides.
int supervise(const std::string& path, core::Model model,
              const config::SupervisordOverrides& overrides);

// `supervisord [flags]`: finds the config as supervisord does, applies the
// flags, sets limits, drops privileges, daemonizes unless nodaemon, writes
// the pidfile and supervises.
int run_as_supervisord(const cli::SupervisordInvocation& invocation);

}  // namespace drover
