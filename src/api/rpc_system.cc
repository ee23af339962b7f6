// system.*: introspection and multicall, as supervisord's
// SystemNamespaceRPCInterface does them.
#include "api/rpc_method.h"

#include <memory>

namespace drover::api::rpc {
namespace {

const Method* find_method(const std::string& name) {
  for (const Method& method : methods()) {
    if (method.name == name) {
      return &method;
    }
  }
  return nullptr;
}

Reply list_methods(Controller&, const Params&) {
  Array names;
  for (const Method& method : methods()) {
    names.push_back(Value(std::string(method.name)));
  }
  return Value(std::move(names));
}

Reply method_help(Controller&, const Params& params) {
  const std::string* name = string_param(params, 0);
  const Method* method = name ? find_method(*name) : nullptr;
  if (method == nullptr) {
    return fault(kSignatureUnsupported);
  }
  return Value(std::string(method->help));
}

Reply method_signature(Controller&, const Params& params) {
  const std::string* name = string_param(params, 0);
  const Method* method = name ? find_method(*name) : nullptr;
  if (method == nullptr) {
    return fault(kSignatureUnsupported);
  }
  Array types;
  std::string_view rest = method->signature;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    types.push_back(Value(std::string(rest.substr(0, comma))));
    rest = comma == std::string_view::npos ? "" : rest.substr(comma + 1);
  }
  return Value(std::move(types));
}

Value fault_struct(const Fault& error) {
  return Value(Struct{{"faultCode", Value(error.code)}, {"faultString", Value(error.message)}});
}

// One call of a multicall; a Poll when it waits.
std::variant<Value, Poll> call_one(Controller& controller, const Value& spec) {
  const Value* name = spec.member("methodName");
  const Value* params = spec.member("params");
  const std::string* method = name ? name->get<std::string>() : nullptr;
  if (method == nullptr) {
    return fault_struct(fault(kIncorrectParameters, "No methodName"));
  }
  if (*method == "system.multicall") {
    return fault_struct(fault(kIncorrectParameters, "Recursive system.multicall forbidden"));
  }
  const Array* args = params ? params->get<Array>() : nullptr;
  if (params != nullptr && args == nullptr) {
    return fault_struct(fault(kIncorrectParameters));
  }
  Reply reply = call(controller, *method, args ? *args : Array{});
  if (Poll* poll = std::get_if<Poll>(&reply)) {
    return std::move(*poll);
  }
  if (Fault* error = std::get_if<Fault>(&reply)) {
    return fault_struct(*error);
  }
  return std::get<Value>(reply);
}

// Runs the calls in order; one that waits holds back the rest, as in
// supervisord, so "start a, then b" keeps its order.
struct Multicall {
  Controller& controller;
  Array calls;
  size_t next = 0;
  Array results;
  Poll waiting;

  std::optional<Outcome> step() {
    if (waiting) {
      std::optional<Outcome> done = waiting();
      if (!done) {
        return std::nullopt;
      }
      const Fault* error = std::get_if<Fault>(&*done);
      results.push_back(error ? fault_struct(*error) : std::get<Value>(*done));
      waiting = nullptr;
    }
    while (next < calls.size()) {
      auto result = call_one(controller, calls[next++]);
      if (Poll* poll = std::get_if<Poll>(&result)) {
        waiting = std::move(*poll);
        return std::nullopt;
      }
      results.push_back(std::move(std::get<Value>(result)));
    }
    return Value(results);
  }
};

Reply multicall(Controller& controller, const Params& params) {
  const Array* calls = params.size() == 1 ? params[0].get<Array>() : nullptr;
  if (calls == nullptr) {
    return fault(kIncorrectParameters);
  }
  auto state = std::make_shared<Multicall>(Multicall{controller, *calls, 0, {}, nullptr});
  if (std::optional<Outcome> done = state->step()) {
    return std::get<Value>(*done);
  }
  return Poll([state] { return state->step(); });
}

constexpr Method kMethods[] = {
    {"system.listMethods", "array", "Return an array listing the available method names",
     list_methods},
    {"system.methodHelp", "string,string", "Return a string showing the method's documentation",
     method_help},
    {"system.methodSignature", "array,string", "Return an array describing the method signature",
     method_signature},
    {"system.multicall", "array,array", "Process an array of calls, and return an array of results",
     multicall},
};

}  // namespace

std::span<const Method> system_methods() { return kMethods; }

}  // namespace drover::api::rpc
