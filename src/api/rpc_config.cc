// supervisor.getAllConfigInfo and the two-step reload (reloadConfig, then
// addProcessGroup / removeProcessGroup), as supervisorctl reread/update use them.
#include "api/rpc_method.h"
#include "api/rpc_names.h"

#include <algorithm>

namespace drover::api::rpc {
namespace {

int32_t seconds(core::Duration d) {
  return static_cast<int32_t>(std::chrono::duration_cast<std::chrono::seconds>(d).count());
}

Value string_or_none(const std::string& text) { return Value(text.empty() ? "none" : text); }

std::string join_argv(const std::vector<std::string>& argv) {
  std::string command;
  for (const std::string& word : argv) {
    command += (command.empty() ? "" : " ") + word;
  }
  return command;
}

Value config_info(const ConfiguredService& configured, const core::ServiceView* view) {
  const core::ServiceSpec& spec = configured.spec;
  core::ServiceView named;
  named.name = spec.name;
  named.group = spec.program_group;
  Array exit_codes;
  for (int code : spec.success_exit_codes) {
    exit_codes.push_back(Value(code));
  }
  std::string out_log = view ? view->stdout_log_file : "";
  std::string err_log = view ? view->stderr_log_file : "";
  int32_t max_size = static_cast<int32_t>(std::min<uint64_t>(spec.log.max_size, INT32_MAX));
  return Value(Struct{
      {"autostart", Value(spec.autostart)},
      {"directory", string_or_none(spec.working_dir)},
      {"uid", string_or_none(spec.user)},
      {"command", Value(join_argv(spec.argv))},
      {"exitcodes", Value(std::move(exit_codes))},
      {"group", Value(group_name(named))},
      {"group_prio", Value(spec.priority)},
      {"inuse", Value(configured.in_use)},
      {"killasgroup", Value(spec.stop_target == core::SignalTarget::Group)},
      {"name", Value(process_name(named))},
      {"process_prio", Value(spec.priority)},
      {"redirect_stderr", Value(spec.log.merge_stderr)},
      {"startretries", Value(spec.start_retries)},
      {"startsecs", Value(seconds(spec.start_period))},
      {"stdout_capture_maxbytes", Value(0)},
      {"stdout_events_enabled", Value(false)},
      {"stdout_logfile", string_or_none(out_log)},
      {"stdout_logfile_backups", Value(spec.log.backups)},
      {"stdout_logfile_maxbytes", Value(max_size)},
      {"stdout_syslog", Value(false)},
      {"stopsignal", Value(spec.stop_signal)},
      {"stopwaitsecs", Value(seconds(spec.stop_timeout))},
      {"stderr_capture_maxbytes", Value(0)},
      {"stderr_events_enabled", Value(false)},
      {"stderr_logfile", string_or_none(err_log)},
      {"stderr_logfile_backups", Value(spec.log.backups)},
      {"stderr_logfile_maxbytes", Value(max_size)},
      {"stderr_syslog", Value(false)},
      {"serverurl", Value("auto")},
  });
}

Reply all_config_info(Controller& controller, const Params&) {
  std::vector<core::ServiceView> views = controller.services();
  std::vector<ConfiguredService> configured = controller.configured_services();
  std::stable_sort(configured.begin(), configured.end(),
                   [](const auto& a, const auto& b) { return a.spec.name < b.spec.name; });
  Array out;
  for (const ConfiguredService& each : configured) {
    auto view = std::find_if(views.begin(), views.end(),
                             [&](const core::ServiceView& v) { return v.name == each.spec.name; });
    out.push_back(config_info(each, view == views.end() ? nullptr : &*view));
  }
  return Value(std::move(out));
}

Array names(const std::vector<std::string>& list) {
  Array out;
  for (const std::string& name : list) {
    out.push_back(Value(name));
  }
  return out;
}

Reply reload_config(Controller& controller, const Params&) {
  Result<ConfigChanges> changes = controller.reread_config();
  if (!changes) {
    return fault(kCantReread, changes.error().message);
  }
  return Value(Array{Value(Array{Value(names(changes->added)), Value(names(changes->changed)),
                                 Value(names(changes->removed))})});
}

Reply add_group(Controller& controller, const Params& params) {
  const std::string* name = string_param(params, 0);
  if (name == nullptr || params.size() != 1) {
    return fault(kIncorrectParameters);
  }
  Result<void> added = controller.add_group(*name);
  if (!added) {
    Errc code = added.error().code;
    return fault(code == Errc::Conflict   ? kAlreadyAdded
                 : code == Errc::NotFound ? kBadName
                                          : kFailed,
                 code == Errc::Conflict || code == Errc::NotFound ? *name : added.error().message);
  }
  return Value(true);
}

Reply remove_group(Controller& controller, const Params& params) {
  const std::string* name = string_param(params, 0);
  if (name == nullptr || params.size() != 1) {
    return fault(kIncorrectParameters);
  }
  Result<void> removed = controller.remove_group(*name);
  if (!removed) {
    Errc code = removed.error().code;
    return fault(
        code == Errc::Conflict   ? kStillRunning
        : code == Errc::NotFound ? kBadName
                                 : kFailed,
        code == Errc::Conflict || code == Errc::NotFound ? *name : removed.error().message);
  }
  return Value(true);
}

constexpr Method kMethods[] = {
    {"supervisor.getAllConfigInfo", "array", "Get info about all available process configurations",
     all_config_info},
    {"supervisor.reloadConfig", "array", "Reload the configuration: [[added, changed, removed]]",
     reload_config},
    {"supervisor.addProcessGroup", "boolean,string",
     "Update the config for a running process from config file", add_group},
    {"supervisor.removeProcessGroup", "boolean,string",
     "Remove a stopped process from the active configuration", remove_group},
};

}  // namespace

std::span<const Method> config_methods() { return kMethods; }

}  // namespace drover::api::rpc
