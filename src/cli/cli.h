#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace drover::cli {

// What `supervisord [flags]` asked for: the config (-c; empty: search
// supervisord's default paths from argv0) and the other flags as the
// [supervisord] options they override ({"nodaemon", "true"}, ...).
struct SupervisordInvocation {
  std::string config;
  std::string argv0;
  std::vector<std::pair<std::string, std::string>> overrides;
};

// `drover run NAME [--with-deps] [--no-tty] [-- ARGS...]`.
struct RunRequest {
  std::string config;
  std::string name;
  std::vector<std::string> args;
  bool with_deps = false;
  bool no_tty = false;  // Keep pipes and the unified stream even with a terminal.
};

// `drover export kubernetes|compose --image IMAGE [--namespace NS] [-o DIR|-]`.
struct ExportRequest {
  std::string config;
  std::string target;  // "kubernetes" or "compose".
  std::string image;
  std::string namespace_;
  std::string output;  // "-" (or empty): stdout; else a directory, one file per object.
  std::string app;     // app.kubernetes.io/part-of; empty: the config file's directory name.
};

// What the CLI cannot do itself because it must not link the supervisor,
// runtime or config modules: main.cc fills these in.
struct LocalHandlers {
  // Runs the supervisor in this process (drover up). Returns the exit code.
  std::function<int(const std::string& config_flag)> up;
  // Validates a config (drover check). Returns the exit code (0 ok, 2 invalid).
  std::function<int(const std::string& config_flag)> check;
  // The control socket to use when -s/--socket and $DROVER_SOCKET are absent:
  // main.cc reads settings.control from the config found via -c/$DROVER_CONFIG/...
  std::function<std::string(const std::string& config_flag)> default_socket;
  // Runs one service as the container's main job (drover run). Returns its exit code.
  std::function<int(const RunRequest& request)> run;
  // Lists the services usable as roles (drover roles). Returns the exit code.
  std::function<int(const std::string& config_flag)> roles;
  // Writes the config as Kubernetes manifests or a Compose file (drover export).
  std::function<int(const ExportRequest& request)> export_manifests;
  // Runs `up` as the supervisord drop-in: daemonizes unless nodaemon.
  std::function<int(const SupervisordInvocation& invocation)> supervisord;
};

// The `drover` command line: parses argv with the subcommand table (see
// docs/cli/), runs the subcommand, and returns the process exit code:
// 0 success; 1 a failure reported by the daemon; 2 a usage error or an invalid
// config; 3 the daemon is unreachable. Output goes to stdout, diagnostics to
// stderr as one "drover: ..." line each. Never throws.
int run_cli(int argc, char** argv, const LocalHandlers& local);

}  // namespace drover::cli

namespace drover::cli {

// The `supervisord` alias (argv[0]'s basename is "supervisord"): parses
// supervisord 4.2's flags (-c -n -s -u -m -d -l -y -z -e -j -i -q -k -a -t
// -v -h and their long forms) and calls local.supervisord. Exit codes: those
// of `up`; 2 for a usage error. Never throws.
int run_supervisord(int argc, char** argv, const LocalHandlers& local);

}  // namespace drover::cli
