// The `drover` command line: an explicit subcommand table (name, one-line
// help, whether it talks to the daemon, its arguments, its run function) fed
// to CLI11. Adding a subcommand means adding a row here and a page in
// docs/cli/; there is no self-registration.
#include "cli/commands.h"

#include "cli/exit_codes.h"
#include "cli/subcommands.h"

#include <CLI/CLI.hpp>

#include <cstdlib>
#include <exception>
#include <iostream>

namespace drover::cli {
namespace {

enum class Needs { Nothing, Daemon };

struct Subcommand {
  std::string_view name;
  std::string_view help;
  Needs needs;
  void (*add_arguments)(CLI::App& command, Options& options);
  int (*run)(const Context& context);
};

void no_arguments(CLI::App&, Options&) {}

void status_arguments(CLI::App& command, Options& options) {
  command.add_option("name", options.names, "Services to show (default: every service)")
      ->type_name("NAME");
  command.add_flag("--json", options.json, "Print the API's JSON instead of a table");
}

void names_arguments(CLI::App& command, Options& options) {
  command.add_option("name", options.names, "Service names, or all")->type_name("NAME")->required();
}

void health_arguments(CLI::App& command, Options& options) {
  command.add_option("name", options.names, "One service (default: the whole stack)")
      ->type_name("NAME")
      ->expected(0, 1);
}

void signal_arguments(CLI::App& command, Options& options) {
  command.add_option("signal", options.signal, "A signal name (HUP, TERM, USR1...) or number")
      ->type_name("SIGNAL")
      ->required();
  command.add_option("name", options.names, "Service names, or all")->type_name("NAME")->required();
}

void logs_arguments(CLI::App& command, Options& options) {
  command.add_option("name", options.names, "Services to show (default: every service)")
      ->type_name("NAME");
  command.add_option("-n,--lines", options.lines, "Show the last N lines, or all (default: 100)")
      ->type_name("N");
  command.add_flag("-f,--follow", options.follow, "Keep printing new lines until the daemon stops");
  command.add_option("--since", options.since, "Only lines from the last DURATION (10s, 5m, 2h)")
      ->type_name("DURATION");
  command.add_flag("--stderr", options.stderr_only, "Only the services' standard error");
  command.add_flag("--json", options.json, "Print each line as the API's JSON object (NDJSON)");
}

void run_arguments(CLI::App& command, Options& options) {
  command.add_option("name", options.role, "The service to run")->type_name("NAME")->required();
  command.add_option("args", options.role_args, "Extra arguments for it, after --")
      ->type_name("ARGS");
  command.add_flag("--with-deps", options.with_deps,
                   "Also start the long-running services it depends on");
  command.add_flag("--no-tty", options.no_tty,
                   "Keep its output in the log pipeline even when stdin is a terminal");
}

void export_arguments(CLI::App& command, Options& options) {
  command.add_option("target", options.export_target, "kubernetes or compose")
      ->type_name("TARGET")
      ->check(CLI::IsMember({"kubernetes", "compose"}))
      ->required();
  command.add_option("--image", options.image, "The image with drover, the config and the apps")
      ->type_name("IMAGE")
      ->required();
  command.add_option("--namespace", options.namespace_, "metadata.namespace of every object")
      ->type_name("NS");
  command.add_option("-o,--output", options.output, "A directory (one file per object), or - ")
      ->type_name("DIR|-");
  command
      .add_option("--app", options.app,
                  "app.kubernetes.io/part-of (default: the config's directory name)")
      ->type_name("NAME");
}

constexpr Subcommand kSubcommands[] = {
    {"up", "Run the supervisor and its services in the foreground", Needs::Nothing, no_arguments,
     run_up},
    {"check", "Check the config file and exit", Needs::Nothing, no_arguments, run_check},
    {"run", "Run one service (and the oneshots it needs) as the container's main job",
     Needs::Nothing, run_arguments, run_role},
    {"roles", "List the services `drover run` can run", Needs::Nothing, no_arguments, run_roles},
    {"export", "Write the config as Kubernetes manifests or a Compose file", Needs::Nothing,
     export_arguments, run_export},
    {"status", "Show the state of services", Needs::Daemon, status_arguments, run_status},
    {"start", "Start services", Needs::Daemon, names_arguments, run_start},
    {"stop", "Stop services", Needs::Daemon, names_arguments, run_stop},
    {"restart", "Stop, then start services", Needs::Daemon, names_arguments, run_restart},
    {"trigger", "Run scheduled services now, honouring their concurrency", Needs::Daemon,
     names_arguments, run_trigger},
    {"signal", "Send a signal to services", Needs::Daemon, signal_arguments, run_signal},
    {"health", "Exit 0 if the stack (or one service) is healthy, else 1 with the reason",
     Needs::Daemon, health_arguments, run_health},
    {"logs", "Show or follow the services' output", Needs::Daemon, logs_arguments, run_logs},
    {"reload", "Re-read the config file and apply the changes", Needs::Daemon, no_arguments,
     run_reload},
    {"shutdown", "Stop every service and make the daemon exit", Needs::Daemon, no_arguments,
     run_shutdown},
    {"version", "Print drover's version", Needs::Nothing, no_arguments, run_version},
};

constexpr std::string_view kFooter =
    "Exit codes: 0 success; 1 failure reported by the daemon; 2 usage error or invalid config;\n"
    "3 the daemon is unreachable. Each command is documented in docs/cli/<command>.md.";

// Builds the parser; returns each subcommand's CLI11 node, in table order.
std::vector<CLI::App*> build_parser(CLI::App& app, Options& options) {
  app.add_option("-c,--config", options.config,
                 "The config file (default: $DROVER_CONFIG, ./drover.yaml, "
                 "/etc/drover/drover.yaml)")
      ->type_name("FILE");
  app.add_option("-s,--socket", options.socket,
                 "The daemon's control socket (default: $DROVER_SOCKET, then the config's "
                 "settings.control)")
      ->type_name("PATH");
  app.set_version_flag("--version", "drover " DROVER_VERSION);
  app.footer(std::string(kFooter));
  // Global options may also follow the subcommand: `drover up -c FILE`.
  app.fallthrough();
  std::vector<CLI::App*> commands;
  for (const Subcommand& entry : kSubcommands) {
    CLI::App* command = app.add_subcommand(std::string(entry.name), std::string(entry.help));
    entry.add_arguments(*command, options);
    commands.push_back(command);
  }
  app.require_subcommand(0, 1);
  return commands;
}

// Parses; returns an exit code when parsing already decided the outcome
// (--help, --version, a usage error), or -1 to go on.
int parse(CLI::App& app, const std::vector<std::string>& args, const CliIo& io) {
  // CLI11 takes the arguments reversed and without the program name.
  std::vector<std::string> reversed(args.rbegin(), args.rend() - 1);
  try {
    app.parse(reversed);
  } catch (const CLI::Success& e) {  // --help, --version.
    app.exit(e, io.out, io.err);
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    io.err << "drover: " << e.what() << "\nRun 'drover --help' for usage.\n";
    return kExitUsage;
  }
  return -1;
}

int dispatch(const Subcommand& entry, const Options& options, const LocalHandlers& local,
             const CliIo& io) {
  Context context{options, local, io, ""};
  if (entry.needs == Needs::Daemon) {
    context.socket_path = resolve_socket(options, local, io.getenv);
    if (context.socket_path.empty()) {
      print_error(context, "no control socket: pass -s PATH or set DROVER_SOCKET");
      return kExitUsage;
    }
  }
  return entry.run(context);
}

}  // namespace

std::vector<std::string_view> subcommand_names() {
  std::vector<std::string_view> names;
  for (const Subcommand& entry : kSubcommands) {
    names.push_back(entry.name);
  }
  return names;
}

std::string resolve_socket(const Options& options, const LocalHandlers& local,
                           const EnvLookup& getenv) {
  if (!options.socket.empty()) {
    return options.socket;
  }
  if (std::optional<std::string> env = getenv ? getenv("DROVER_SOCKET") : std::nullopt;
      env && !env->empty()) {
    return *env;
  }
  return local.default_socket ? local.default_socket(options.config) : std::string();
}

int run_cli_with(const std::vector<std::string>& args, const LocalHandlers& local,
                 const CliIo& io) {
  try {
    Options options;
    CLI::App app{"drover: a process supervisor", "drover"};
    std::vector<CLI::App*> commands = build_parser(app, options);
    if (args.size() <= 1) {
      io.err << app.help();
      return kExitUsage;
    }
    if (int decided = parse(app, args, io); decided >= 0) {
      return decided;
    }
    for (size_t i = 0; i < commands.size(); ++i) {
      if (commands[i]->parsed()) {
        return dispatch(kSubcommands[i], options, local, io);
      }
    }
    io.err << app.help();  // Only global options were given.
    return kExitUsage;
  } catch (const std::exception& e) {
    io.err << "drover: internal error: " << e.what() << '\n';
    return kExitFailure;
  }
}

int run_cli(int argc, char** argv, const LocalHandlers& local) {
  CliIo io{std::cout, std::cerr, [](std::string_view name) -> std::optional<std::string> {
             const char* value = std::getenv(std::string(name).c_str());
             return value ? std::optional<std::string>(value) : std::nullopt;
           }};
  return run_cli_with(std::vector<std::string>(argv, argv + argc), local, io);
}

}  // namespace drover::cli
