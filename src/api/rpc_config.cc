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

// XML-RPC ints are 32-bit; larger sizes are shown as the largest one.
Value bytes_value(uint64_t bytes) {
  return Value(static_cast<int32_t>(std::min<uint64_t>(bytes, INT32_MAX)));
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
  Value max_size = bytes_value(spec.log.max_size);
  Struct out;
  out.reserve(29);
  out.push_back(xmlrpc::Member{"autostart", Value(spec.autostart)});
  out.push_back(xmlrpc::Member{"directory", string_or_none(spec.working_dir)});
  out.push_back(xmlrpc::Member{"uid", string_or_none(spec.user)});
  out.push_back(xmlrpc::Member{"command", Value(join_argv(spec.argv))});
  out.push_back(xmlrpc::Member{"exitcodes", Value(std::move(exit_codes))});
  out.push_back(xmlrpc::Member{"group", Value(group_name(named))});
  out.push_back(xmlrpc::Member{"group_prio", Value(spec.priority)});
  out.push_back(xmlrpc::Member{"inuse", Value(configured.in_use)});
  out.push_back(
      xmlrpc::Member{"killasgroup", Value(spec.stop_target == core::SignalTarget::Group)});
  out.push_back(xmlrpc::Member{"name", Value(process_name(named))});
  out.push_back(xmlrpc::Member{"process_prio", Value(spec.priority)});
  out.push_back(xmlrpc::Member{"redirect_stderr", Value(spec.log.merge_stderr)});
  out.push_back(xmlrpc::Member{"startretries", Value(spec.start_retries)});
  out.push_back(xmlrpc::Member{"startsecs", Value(seconds(spec.start_period))});
  out.push_back(xmlrpc::Member{"stdout_capture_maxbytes", bytes_value(spec.log.stdout_capture)});
  out.push_back(xmlrpc::Member{"stdout_events_enabled", Value(spec.log.stdout_events)});
  out.push_back(xmlrpc::Member{"stdout_logfile", string_or_none(out_log)});
  out.push_back(xmlrpc::Member{"stdout_logfile_backups", Value(spec.log.backups)});
  out.push_back(xmlrpc::Member{"stdout_logfile_maxbytes", Value(max_size)});
  out.push_back(xmlrpc::Member{"stdout_syslog", Value(false)});
  out.push_back(xmlrpc::Member{"stopsignal", Value(spec.stop_signal)});
  out.push_back(xmlrpc::Member{"stopwaitsecs", Value(seconds(spec.stop_timeout))});
  out.push_back(xmlrpc::Member{"stderr_capture_maxbytes", bytes_value(spec.log.stderr_capture)});
  out.push_back(xmlrpc::Member{"stderr_events_enabled", Value(spec.log.stderr_events)});
  out.push_back(xmlrpc::Member{"stderr_logfile", string_or_none(err_log)});
  out.push_back(xmlrpc::Member{"stderr_logfile_backups", Value(spec.log.backups)});
  out.push_back(xmlrpc::Member{"stderr_logfile_maxbytes", Value(max_size)});
  out.push_back(xmlrpc::Member{"stderr_syslog", Value(false)});
  out.push_back(xmlrpc::Member{"serverurl", Value("auto")});
  return Value(std::move(out));
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
