// start, stop, restart, trigger, signal, reload, shutdown: one POST per service name,
// one printed line per result, supervisorctl-style ("web: started",
// "db: ERROR (already running)").
#include "base/signal_names.h"
#include "cli/daemon.h"
#include "cli/exit_codes.h"
#include "cli/subcommands.h"

#include <algorithm>

namespace drover::cli {
namespace {

// Prints one line per outcome; returns 1 if any failed.
int print_outcomes(const Context& context, const std::vector<core::CommandOutcome>& outcomes) {
  int exit_code = kExitOk;
  for (const core::CommandOutcome& outcome : outcomes) {
    std::string message = outcome.message.empty() ? "ok" : outcome.message;
    context.io.out << outcome.name << ": " << (outcome.ok ? message : "ERROR (" + message + ")")
                   << '\n';
    exit_code = outcome.ok ? exit_code : kExitFailure;
  }
  return exit_code;
}

// The API acts on one name per request, so several names are checked first
// (one GET): an unknown name then fails the command before anything is done,
// as it would for a single name.
int check_names(const Context& context, Daemon& daemon) {
  const std::vector<std::string>& names = context.options.names;
  bool has_all = std::find(names.begin(), names.end(), "all") != names.end();
  if (has_all && names.size() > 1) {
    print_error(context, "\"all\" cannot be combined with service names");
    return kExitUsage;
  }
  if (names.size() < 2) {
    return kExitOk;
  }
  std::optional<std::vector<core::ServiceView>> views = daemon.services();
  if (!views) {
    return daemon.exit_code();
  }
  if (std::string unknown = unknown_services_message(names, *views); !unknown.empty()) {
    print_error(context, unknown);
    return kExitFailure;
  }
  return kExitOk;
}

int act_on_names(const Context& context, std::string_view action, std::string_view body = {}) {
  Daemon daemon(context);
  if (int checked = check_names(context, daemon); checked != kExitOk) {
    return checked;
  }
  int exit_code = kExitOk;
  for (const std::string& name : context.options.names) {
    std::string target = service_path(name) + "/" + std::string(action);
    std::optional<std::vector<core::CommandOutcome>> outcomes = daemon.post(target, body);
    if (!outcomes) {
      return daemon.exit_code();
    }
    exit_code = std::max(exit_code, print_outcomes(context, *outcomes));
  }
  return exit_code;
}

}  // namespace

int run_start(const Context& context) { return act_on_names(context, "start"); }

int run_stop(const Context& context) { return act_on_names(context, "stop"); }

int run_restart(const Context& context) { return act_on_names(context, "restart"); }

int run_trigger(const Context& context) { return act_on_names(context, "trigger"); }

int run_signal(const Context& context) {
  Result<int> signo = parse_signal(context.options.signal);
  if (!signo) {
    print_error(context, signo.error().message);
    return kExitUsage;
  }
  // The canonical name is plain ASCII, so the body needs no JSON escaping.
  return act_on_names(context, "signal", R"({"signal":")" + signal_name(*signo) + R"("})");
}

int run_reload(const Context& context) {
  Daemon daemon(context);
  std::optional<std::vector<core::CommandOutcome>> outcomes = daemon.post("/v1/reload");
  if (!outcomes) {
    return daemon.exit_code();
  }
  if (outcomes->empty()) {
    context.io.out << "reloaded: no changes\n";
  }
  return print_outcomes(context, *outcomes);
}

int run_shutdown(const Context& context) {
  Daemon daemon(context);
  std::optional<std::vector<core::CommandOutcome>> outcomes = daemon.post("/v1/shutdown");
  if (!outcomes) {
    return daemon.exit_code();
  }
  context.io.out << "shutting down\n";
  return print_outcomes(context, *outcomes);
}

}  // namespace drover::cli
