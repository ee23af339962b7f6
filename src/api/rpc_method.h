#pragma once

#include "api/controller.h"
#include "api/xmlrpc_value.h"

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// supervisord's XML-RPC interface (its rpcinterface.py and xmlrpc.py, API
// version 3.0) over api::Controller. Each method is a plain function from
// parameters to a value or a fault; the ones that wait return a Poll.
namespace drover::api::rpc {

using xmlrpc::Array;
using xmlrpc::Fault;
using xmlrpc::Struct;
using xmlrpc::Value;

// supervisord's fault codes (supervisor/xmlrpc.py, class Faults).
enum FaultCode : int {
  kUnknownMethod = 1,
  kIncorrectParameters = 2,
  kBadArguments = 3,
  kSignatureUnsupported = 4,
  kShutdownState = 6,
  kBadName = 10,
  kBadSignal = 11,
  kNoFile = 20,
  kNotExecutable = 21,
  kFailed = 30,
  kAbnormalTermination = 40,
  kSpawnError = 50,
  kAlreadyStarted = 60,
  kNotRunning = 70,
  kSuccess = 80,
  kAlreadyAdded = 90,
  kStillRunning = 91,
  kCantReread = 92,
};

// "BAD_NAME", or "BAD_NAME: web" with `extra`, as supervisord words faults.
Fault fault(int code, std::string_view extra = {});
std::string_view fault_name(int code);

using Outcome = std::variant<Value, Fault>;
// An answer that is not ready yet: called again (every 50 ms) until it returns one.
using Poll = std::function<std::optional<Outcome>()>;
using Reply = std::variant<Value, Fault, Poll>;

using Params = std::vector<Value>;
using MethodFn = Reply (*)(Controller& controller, const Params& params);

struct Method {
  std::string_view name;  // "supervisor.getState"
  std::string_view
      signature;  // Return type then parameter types: "struct" / "boolean,string,boolean".
  std::string_view help;
  MethodFn call;
};

// Every method, in the order system.listMethods reports them (sorted).
std::span<const Method> methods();

// Runs one call: unknown names give UNKNOWN_METHOD, wrong parameters
// INCORRECT_PARAMETERS and, during a shutdown, every method SHUTDOWN_STATE.
Reply call(Controller& controller, std::string_view name, const Params& params);

// The method tables of each file (rpc_*.cc); methods() merges them.
std::span<const Method> state_methods();
std::span<const Method> process_methods();
std::span<const Method> log_methods();
std::span<const Method> config_methods();
std::span<const Method> system_methods();

// Parameter access: the value at `index` when it has the type, else null.
const std::string* string_param(const Params& params, size_t index);
std::optional<int32_t> int_param(const Params& params, size_t index);
// Python truthiness of an optional boolean argument (wait=True by default).
std::optional<bool> bool_param(const Params& params, size_t index, bool fallback);

}  // namespace drover::api::rpc
