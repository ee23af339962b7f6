#pragma once

#include "cli/context.h"

// The subcommands' run functions, wired to their names and arguments by the
// table in commands.cc. Each returns the process exit code (exit_codes.h)
// and prints its own diagnostics; the contract of each is its page in
// docs/cli/.
namespace drover::cli {

// Local: cmd_local.cc.
int run_up(const Context& context);
int run_check(const Context& context);
int run_version(const Context& context);
int run_role(const Context& context);    // drover run
int run_roles(const Context& context);   // drover roles
int run_export(const Context& context);  // drover export

// API clients: cmd_status.cc, cmd_control.cc, cmd_logs.cc.
int run_status(const Context& context);
int run_start(const Context& context);
int run_stop(const Context& context);
int run_restart(const Context& context);
int run_trigger(const Context& context);
int run_signal(const Context& context);
int run_reload(const Context& context);
int run_shutdown(const Context& context);
int run_logs(const Context& context);
int run_health(const Context& context);  // cmd_health.cc

}  // namespace drover::cli
