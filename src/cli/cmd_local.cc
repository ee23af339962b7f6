// Subcommands that do not talk to a daemon. `up` and `check` need the config
// and supervisor modules, which the CLI may not link: main.cc passes them in
// as LocalHandlers.
#include "cli/exit_codes.h"
#include "cli/subcommands.h"

namespace drover::cli {
namespace {

int run_local(const Context& context, const std::function<int(const std::string&)>& handler,
              std::string_view name) {
  if (!handler) {
    print_error(context, std::string(name) + " is not available in this build");
    return kExitFailure;
  }
  return handler(context.options.config);
}

}  // namespace

int run_up(const Context& context) { return run_local(context, context.local.up, "up"); }

int run_check(const Context& context) { return run_local(context, context.local.check, "check"); }

int run_role(const Context& context) {
  if (!context.local.run) {
    print_error(context, "run is not available in this build");
    return kExitFailure;
  }
  const Options& options = context.options;
  return context.local.run(RunRequest{options.config, options.role, options.role_args,
                                      options.with_deps, options.no_tty});
}

int run_roles(const Context& context) { return run_local(context, context.local.roles, "roles"); }

int run_export(const Context& context) {
  if (!context.local.export_manifests) {
    print_error(context, "export is not available in this build");
    return kExitFailure;
  }
  const Options& o = context.options;
  return context.local.export_manifests(
      ExportRequest{o.config, o.export_target, o.image, o.namespace_, o.output, o.app});
}

int run_version(const Context& context) {
  context.io.out << "drover " DROVER_VERSION "\n";
  return kExitOk;
}

}  // namespace drover::cli
