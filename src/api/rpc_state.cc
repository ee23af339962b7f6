// supervisor.* methods about the daemon itself and process status.
#include "api/rpc_method.h"
#include "api/rpc_names.h"

#include <ctime>
#include <unistd.h>

namespace drover::api::rpc {
namespace {

int64_t now_seconds() { return static_cast<int64_t>(std::time(nullptr)); }

Reply api_version(Controller&, const Params&) { return Value("3.0"); }

Reply supervisor_version(Controller&, const Params&) { return Value(DROVER_VERSION); }

Reply identification(Controller& controller, const Params&) {
  return Value(controller.identification());
}

Reply state(Controller&, const Params&) {
  // Calls during a shutdown never get here (SHUTDOWN_STATE), so: RUNNING.
  return Value(Struct{{"statecode", Value(1)}, {"statename", Value("RUNNING")}});
}

Reply pid(Controller&, const Params&) { return Value(static_cast<int32_t>(getpid())); }

Reply process_info_of(Controller& controller, const Params& params) {
  const std::string* name = string_param(params, 0);
  if (name == nullptr || params.size() != 1) {
    return fault(kIncorrectParameters);
  }
  std::vector<core::ServiceView> views = controller.services();
  auto target = find_target(views, *name);
  if (Fault* error = std::get_if<Fault>(&target)) {
    return *error;
  }
  const core::ServiceView* view = std::get<Target>(target).process;
  if (view == nullptr) {
    return fault(kBadName, *name);
  }
  return process_info(*view, now_seconds());
}

Reply all_process_info(Controller& controller, const Params&) {
  std::vector<core::ServiceView> views = controller.services();
  Array out;
  out.reserve(views.size());
  int64_t now = now_seconds();
  for (const Target& group : all_groups(views)) {
    for (const core::ServiceView* view : group.members) {
      out.push_back(process_info(*view, now));
    }
  }
  return Value(std::move(out));
}

Reply shutdown(Controller& controller, const Params&) {
  Result<std::vector<core::CommandOutcome>> done = controller.execute(core::ShutdownCommand{});
  if (!done) {
    return fault(kFailed, done.error().message);
  }
  return Value(true);
}

// Starts every autostart service again after a restart (the config's
// choice, not what ran before), as supervisord does after re-executing.
void start_autostart(Controller& controller) {
  std::vector<std::string> names;
  for (const ConfiguredService& configured : controller.configured_services()) {
    // A scheduled service waits for its due time instead.
    if (configured.in_use && configured.spec.autostart && !configured.spec.schedule.scheduled()) {
      names.push_back(configured.spec.name);
    }
  }
  if (!names.empty()) {
    (void)controller.execute(core::StartCommand{names});
  }
}

// supervisord re-executes itself: every process stops, the config is read
// again, the autostart programs start. drover does the same in place, with
// one process and its pid kept; the answer comes once the stop is done and
// the new config is applied (supervisorctl reload waits for it).
Reply restart(Controller& controller, const Params&) {
  Result<std::vector<core::CommandOutcome>> stopping =
      controller.execute(core::StopCommand{{"all"}});
  if (!stopping) {
    return fault(kFailed, stopping.error().message);
  }
  return Poll([&controller]() -> std::optional<Outcome> {
    for (const core::ServiceView& view : controller.services()) {
      if (!is_stopped_state(view.state)) {
        return std::nullopt;
      }
    }
    Result<std::vector<core::CommandOutcome>> reloaded = controller.execute(core::ReloadCommand{});
    start_autostart(controller);
    if (!reloaded) {
      return fault(kFailed, reloaded.error().message);
    }
    return Value(true);
  });
}

constexpr Method kMethods[] = {
    {"supervisor.getAPIVersion", "string", "Return the version of the RPC API used by supervisord",
     api_version},
    {"supervisor.getVersion", "string", "Return the version of the RPC API (alias)", api_version},
    {"supervisor.getSupervisorVersion", "string", "Return the version of drover",
     supervisor_version},
    {"supervisor.getIdentification", "string", "Return the identifying string of this server",
     identification},
    {"supervisor.getState", "struct", "Return the current state of the server", state},
    {"supervisor.getPID", "int", "Return the PID of the server", pid},
    {"supervisor.getProcessInfo", "struct,string", "Get info about a process named name",
     process_info_of},
    {"supervisor.getAllProcessInfo", "array", "Get info about all processes", all_process_info},
    {"supervisor.shutdown", "boolean", "Shut down the server", shutdown},
    {"supervisor.restart", "boolean",
     "Restart the server: stop all, reread the config, start again", restart},
};

}  // namespace

std::span<const Method> state_methods() { return kMethods; }

}  // namespace drover::api::rpc
