#pragma once

#include "cli/cli.h"
#include "cli/context.h"

#include <string>
#include <string_view>
#include <vector>

namespace drover::cli {

// run_cli() with its inputs and outputs made explicit, for tests: `args`
// includes the program name (args[0]); output goes to io.out, diagnostics to
// io.err; the environment is read through io.getenv. Never throws.
int run_cli_with(const std::vector<std::string>& args, const LocalHandlers& local, const CliIo& io);

// The subcommands' names, in the order `drover --help` lists them.
std::vector<std::string_view> subcommand_names();

// The control socket for a daemon command: -s/--socket, then $DROVER_SOCKET,
// then local.default_socket(config flag); "" when none of them gives one.
std::string resolve_socket(const Options& options, const LocalHandlers& local,
                           const EnvLookup& getenv);

}  // namespace drover::cli
