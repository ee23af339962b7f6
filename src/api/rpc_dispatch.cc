// The method table and the dispatcher: supervisord's traverse() semantics
// (unknown method, SHUTDOWN_STATE for supervisor.* during a shutdown).
#include "api/rpc_method.h"

#include <algorithm>

namespace drover::api::rpc {
namespace {

struct FaultName {
  int code;
  std::string_view name;
};

constexpr FaultName kFaultNames[] = {
    {kUnknownMethod, "UNKNOWN_METHOD"},
    {kIncorrectParameters, "INCORRECT_PARAMETERS"},
    {kBadArguments, "BAD_ARGUMENTS"},
    {kSignatureUnsupported, "SIGNATURE_UNSUPPORTED"},
    {kShutdownState, "SHUTDOWN_STATE"},
    {kBadName, "BAD_NAME"},
    {kBadSignal, "BAD_SIGNAL"},
    {kNoFile, "NO_FILE"},
    {kNotExecutable, "NOT_EXECUTABLE"},
    {kFailed, "FAILED"},
    {kAbnormalTermination, "ABNORMAL_TERMINATION"},
    {kSpawnError, "SPAWN_ERROR"},
    {kAlreadyStarted, "ALREADY_STARTED"},
    {kNotRunning, "NOT_RUNNING"},
    {kSuccess, "SUCCESS"},
    {kAlreadyAdded, "ALREADY_ADDED"},
    {kStillRunning, "STILL_RUNNING"},
    {kCantReread, "CANT_REREAD"},
};

std::vector<Method> sorted_methods() {
  std::vector<Method> all;
  for (auto table :
       {state_methods(), process_methods(), log_methods(), config_methods(), system_methods()}) {
    all.insert(all.end(), table.begin(), table.end());
  }
  std::sort(all.begin(), all.end(),
            [](const Method& a, const Method& b) { return a.name < b.name; });
  return all;
}

}  // namespace

std::string_view fault_name(int code) {
  for (const FaultName& each : kFaultNames) {
    if (each.code == code) {
      return each.name;
    }
  }
  return "UNKNOWN";
}

Fault fault(int code, std::string_view extra) {
  std::string message(fault_name(code));
  if (!extra.empty()) {
    message += ": " + std::string(extra);
  }
  return Fault{code, std::move(message)};
}

std::span<const Method> methods() {
  static const std::vector<Method> all = sorted_methods();
  return all;
}

Reply call(Controller& controller, std::string_view name, const Params& params) {
  const Method* found = nullptr;
  for (const Method& method : methods()) {
    if (method.name == name) {
      found = &method;
      break;
    }
  }
  if (found == nullptr) {
    return fault(kUnknownMethod);
  }
  if (name.starts_with("supervisor.") && controller.shutting_down()) {
    return fault(kShutdownState);
  }
  return found->call(controller, params);
}

const std::string* string_param(const Params& params, size_t index) {
  return index < params.size() ? params[index].get<std::string>() : nullptr;
}

std::optional<int32_t> int_param(const Params& params, size_t index) {
  if (index >= params.size()) {
    return std::nullopt;
  }
  if (const int32_t* number = params[index].get<int32_t>()) {
    return *number;
  }
  return std::nullopt;
}

std::optional<bool> bool_param(const Params& params, size_t index, bool fallback) {
  if (index >= params.size()) {
    return fallback;
  }
  const Value& value = params[index];
  if (const bool* flag = value.get<bool>()) {
    return *flag;
  }
  if (const int32_t* number = value.get<int32_t>()) {
    return *number != 0;
  }
  if (const std::string* text = value.get<std::string>()) {
    return !text->empty();
  }
  return std::nullopt;
}

}  // namespace drover::api::rpc
