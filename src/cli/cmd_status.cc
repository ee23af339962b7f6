// drover status: GET /v1/services, optionally narrowed to some names, as a
// table or as the API's JSON.
#include "cli/daemon.h"
#include "cli/exit_codes.h"
#include "cli/render_table.h"
#include "cli/subcommands.h"
#include "cli/view_json.h"

namespace drover::cli {
namespace {

std::vector<core::ServiceView> select_views(const std::vector<core::ServiceView>& views,
                                            const std::vector<std::string>& names) {
  std::vector<core::ServiceView> selected;
  for (const std::string& name : names) {
    for (const core::ServiceView& view : views) {
      if (view.name == name) {
        selected.push_back(view);
      }
    }
  }
  return selected;
}

}  // namespace

int run_status(const Context& context) {
  Daemon daemon(context);
  std::optional<std::string> body = daemon.get("/v1/services");
  if (!body) {
    return daemon.exit_code();
  }
  Result<std::vector<core::ServiceView>> views = parse_services(*body);
  if (!views) {
    print_error(context, views.error().message);
    return kExitFailure;
  }
  const std::vector<std::string>& names = context.options.names;
  if (std::string unknown = unknown_services_message(names, *views); !unknown.empty()) {
    print_error(context, unknown);
    return kExitFailure;
  }
  if (context.options.json) {
    context.io.out << (names.empty() ? *body : select_services_json(*body, names)) << '\n';
  } else {
    context.io.out << render_status_table(names.empty() ? *views : select_views(*views, names));
  }
  return kExitOk;
}

}  // namespace drover::cli
