#pragma once

#include "cli/cli.h"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace drover::cli {

// Looks up an environment variable; injected so tests are hermetic.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Where a CLI run reads its environment and writes its output.
struct CliIo {
  std::ostream& out;
  std::ostream& err;
  EnvLookup getenv;
};

// Everything the command line said, for every subcommand (each uses its part).
struct Options {
  std::string config;  // -c/--config, "" when absent.
  std::string socket;  // -s/--socket, "" when absent.
  std::vector<std::string> names;
  std::string signal;
  bool json = false;
  // drover logs.
  std::string lines = "100";  // -n: a count or "all".
  bool follow = false;
  std::string since;
  bool stderr_only = false;
  // drover run.
  std::string role;
  std::vector<std::string> role_args;
  bool with_deps = false;
  bool no_tty = false;
  // drover export.
  std::string export_target;
  std::string image;
  std::string namespace_;
  std::string output = "-";
  std::string app;
};

// What a subcommand's run function gets.
struct Context {
  const Options& options;
  const LocalHandlers& local;
  const CliIo& io;
  std::string socket_path;  // Resolved only for subcommands that talk to the daemon.
};

// Prints "drover: <message>" on stderr.
void print_error(const Context& context, std::string_view message);

}  // namespace drover::cli
