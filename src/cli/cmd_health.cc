// drover health [NAME]: the stack's (or one service's) health as an exit
// code and one line, for `HEALTHCHECK CMD drover health`. It judges the
// daemon's status views with core::summarize_health, the same function
// behind GET /health. Docker reserves exit code 2, so every failure,
// an unreachable daemon included, is exit code 1.
#include "cli/daemon.h"
#include "cli/exit_codes.h"
#include "cli/subcommands.h"
#include "core/health_summary.h"

namespace drover::cli {
namespace {

std::string join_reasons(const std::vector<std::string>& reasons) {
  std::string line;
  for (const std::string& reason : reasons) {
    line += (line.empty() ? "" : "; ") + reason;
  }
  return line;
}

}  // namespace

int run_health(const Context& context) {
  Daemon daemon(context);
  std::optional<std::vector<core::ServiceView>> views = daemon.services();
  if (!views) {
    return kExitFailure;  // Daemon printed why.
  }
  const std::vector<std::string>& names = context.options.names;
  if (std::string unknown = unknown_services_message(names, *views); !unknown.empty()) {
    print_error(context, unknown);
    return kExitFailure;
  }
  core::HealthSummary summary;
  if (names.empty()) {
    summary = core::summarize_health(*views);
  } else {
    for (const core::ServiceView& view : *views) {
      if (view.name == names.front()) {
        summary = core::service_health(view);
      }
    }
  }
  if (summary.healthy) {
    context.io.out << "healthy" << (names.empty() ? "" : ": " + names.front() + " is up") << '\n';
    return kExitOk;
  }
  context.io.out << "unhealthy: " << join_reasons(summary.reasons) << '\n';
  return kExitFailure;
}

}  // namespace drover::cli
