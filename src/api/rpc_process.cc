// supervisor.start*/stop*/signal*: one process, a group, or all, with
// supervisord's predicates, fault codes and waiting (make_allfunc).
#include "api/rpc_command_check.h"
#include "api/rpc_method.h"
#include "api/rpc_names.h"
#include "base/signal_names.h"

#include <memory>

namespace drover::api::rpc {
namespace {

struct Job {
  std::string service;  // drover's name, for looking the service up again.
  std::string name;     // supervisord's process name and group, for results.
  std::string group;
};

std::optional<core::ServiceView> find_service(Controller& controller, const std::string& name) {
  return controller.service(name);
}

// Runs `command` for one service; a refusal or error becomes a fault.
std::optional<Fault> execute_one(Controller& controller, const core::Command& command,
                                 int refused_code, const std::string& spec) {
  Result<std::vector<core::CommandOutcome>> done = controller.execute(command);
  if (!done) {
    return fault(kFailed, done.error().message);
  }
  for (const core::CommandOutcome& outcome : *done) {
    if (!outcome.ok) {
      return outcome.message.find("already") != std::string::npos ||
                     outcome.message.find("not running") != std::string::npos
                 ? fault(refused_code, spec)
                 : fault(kFailed, outcome.message);
    }
  }
  return std::nullopt;
}

// startProcess's onwait: RUNNING is success; a failed spawn or an end other
// than a oneshot's success is a fault; anything else is not done yet.
std::optional<Outcome> start_settled(Controller& controller, const Job& job) {
  std::optional<core::ServiceView> view = find_service(controller, job.service);
  if (!view) {
    return fault(kBadName, job.name);
  }
  core::State state = view->state;
  if (state == core::State::Running) {
    return Value(true);
  }
  if (state == core::State::Starting || (state == core::State::Stopped && view->want == "up")) {
    return std::nullopt;
  }
  if (state == core::State::Exited && view->type == "oneshot" && view->last_exit &&
      view->last_exit->code == 0 && view->last_exit->signal == 0) {
    return Value(true);
  }
  if (!view->spawn_error.empty()) {
    return fault(kSpawnError, job.name);
  }
  return fault(kAbnormalTermination, job.name);
}

// The configured specs, read once per call (a group or *All* call checks
// every member's program against the same list).
using Specs = std::shared_ptr<const std::vector<ConfiguredService>>;

std::optional<Fault> check_program(const Specs& specs, const std::string& service) {
  for (const ConfiguredService& configured : *specs) {
    if (configured.spec.name == service) {
      return check_command(configured.spec);
    }
  }
  return std::nullopt;
}

Reply start_process_view(Controller& controller, const Specs& specs, const core::ServiceView& view,
                         const std::string& spec, bool wait) {
  if (auto missing = check_program(specs, view.name)) {
    return *missing;
  }
  if (is_running_state(view.state)) {
    return fault(kAlreadyStarted, spec);
  }
  if (auto refused =
          execute_one(controller, core::StartCommand{{view.name}}, kAlreadyStarted, spec)) {
    return *refused;
  }
  Job job{view.name, spec, group_name(view)};
  std::optional<Outcome> now = start_settled(controller, job);
  if (now && std::holds_alternative<Fault>(*now)) {
    return std::get<Fault>(*now);
  }
  if (!wait || now) {
    return Value(true);
  }
  return Poll([&controller, job] { return start_settled(controller, job); });
}

Reply stop_process_view(Controller& controller, const core::ServiceView& view,
                        const std::string& spec, bool wait) {
  if (!is_running_state(view.state)) {
    return fault(kNotRunning, spec);
  }
  if (auto refused = execute_one(controller, core::StopCommand{{view.name}}, kNotRunning, spec)) {
    return *refused;
  }
  std::string service = view.name;
  auto stopped = [&controller, service]() -> std::optional<Outcome> {
    std::optional<core::ServiceView> now = find_service(controller, service);
    if (!now || is_stopped_state(now->state)) {
      return Value(true);
    }
    return std::nullopt;
  };
  if (!wait || stopped()) {
    return Value(true);
  }
  return Poll(stopped);
}

bool signallable(core::State state) {
  return state == core::State::Running || state == core::State::Starting ||
         state == core::State::Stopping;
}

Reply signal_process_view(Controller& controller, const core::ServiceView& view,
                          const std::string& spec, int signo) {
  if (!signallable(view.state)) {
    return fault(kNotRunning, spec);
  }
  if (auto refused =
          execute_one(controller, core::SignalCommand{{view.name}, signo}, kNotRunning, spec)) {
    return *refused;
  }
  return Value(true);
}

Value result_struct(const Job& job, int code, const std::string& description) {
  return Value(Struct{{"name", Value(job.name)},
                      {"group", Value(job.group)},
                      {"status", Value(code)},
                      {"description", Value(description)}});
}

using PerProcess = std::function<Reply(const core::ServiceView& view, const std::string& spec)>;
using Predicate = bool (*)(core::State state);

// supervisord's make_allfunc: runs `each` on the members that pass
// `predicate`, then polls the ones that wait; results are in completion order.
Reply run_all(const std::vector<const core::ServiceView*>& members, Predicate predicate,
              const PerProcess& each) {
  auto results = std::make_shared<Array>();
  auto waiting = std::make_shared<std::vector<std::pair<Job, Poll>>>();
  for (const core::ServiceView* view : members) {
    if (!predicate(view->state)) {
      continue;
    }
    Job job{view->name, process_name(*view), group_name(*view)};
    Reply reply = each(*view, namespec(*view));
    if (Fault* error = std::get_if<Fault>(&reply)) {
      results->push_back(result_struct(job, error->code, error->message));
    } else if (Poll* poll = std::get_if<Poll>(&reply)) {
      waiting->emplace_back(job, std::move(*poll));
    } else {
      results->push_back(result_struct(job, kSuccess, "OK"));
    }
  }
  if (waiting->empty()) {
    return Value(std::move(*results));
  }
  return Poll([results, waiting]() -> std::optional<Outcome> {
    for (auto it = waiting->begin(); it != waiting->end();) {
      std::optional<Outcome> outcome = it->second();
      if (!outcome) {
        ++it;
        continue;
      }
      const Fault* error = std::get_if<Fault>(&*outcome);
      results->push_back(error ? result_struct(it->first, error->code, error->message)
                               : result_struct(it->first, kSuccess, "OK"));
      it = waiting->erase(it);
    }
    if (!waiting->empty()) {
      return std::nullopt;
    }
    return Value(std::move(*results));  // The last call: nothing polls after a result.
  });
}

bool not_running(core::State state) { return !is_running_state(state); }

// The members of a group by name, or of every group; BAD_NAME for an unknown group.
std::variant<std::vector<const core::ServiceView*>, Fault> members_of(
    const std::vector<core::ServiceView>& views, const std::string* group) {
  std::vector<const core::ServiceView*> members;
  for (const Target& each : all_groups(views)) {
    if (group == nullptr || each.group == *group) {
      members.insert(members.end(), each.members.begin(), each.members.end());
    }
  }
  if (group != nullptr && members.empty()) {
    return fault(kBadName, *group);
  }
  return members;
}

enum class Action { Start, Stop, Signal };

PerProcess per_process(Controller& controller, Action action, bool wait, int signo) {
  Specs specs;
  if (action == Action::Start) {
    specs =
        std::make_shared<const std::vector<ConfiguredService>>(controller.configured_services());
  }
  return [&controller, specs, action, wait, signo](const core::ServiceView& view,
                                                   const std::string& spec) -> Reply {
    switch (action) {
      case Action::Start:
        return start_process_view(controller, specs, view, spec, wait);
      case Action::Stop:
        return stop_process_view(controller, view, spec, wait);
      default:
        return signal_process_view(controller, view, spec, signo);
    }
  };
}

Predicate predicate_for(Action action) {
  switch (action) {
    case Action::Start:
      return not_running;
    case Action::Stop:
      return is_running_state;
    default:
      return signallable;
  }
}

// The arguments after the name: wait for start/stop, the signal for signal.
std::variant<std::pair<bool, int>, Fault> options(Action action, const Params& params,
                                                  size_t index) {
  if (action != Action::Signal) {
    std::optional<bool> wait = bool_param(params, index, true);
    if (!wait || params.size() > index + 1) {
      return fault(kIncorrectParameters);
    }
    return std::pair{*wait, 0};
  }
  if (params.size() != index + 1) {
    return fault(kIncorrectParameters);
  }
  std::string text;
  if (const std::string* name = string_param(params, index)) {
    text = *name;
  } else if (std::optional<int32_t> number = int_param(params, index)) {
    text = std::to_string(*number);
  }
  Result<int> signo = parse_signal(text);
  if (!signo) {
    return fault(kBadSignal, text);
  }
  return std::pair{true, *signo};
}

Reply group_call(Controller& controller, Action action, const std::string* group,
                 const Params& params, size_t index) {
  auto opts = options(action, params, index);
  if (Fault* error = std::get_if<Fault>(&opts)) {
    return *error;
  }
  auto [wait, signo] = std::get<std::pair<bool, int>>(opts);
  // The views must outlive run_all's synchronous part only: polls look services up again.
  std::vector<core::ServiceView> views = controller.services();
  auto members = members_of(views, group);
  if (Fault* error = std::get_if<Fault>(&members)) {
    return *error;
  }
  return run_all(std::get<0>(members), predicate_for(action),
                 per_process(controller, action, wait, signo));
}

Reply process_call(Controller& controller, Action action, const Params& params) {
  const std::string* name = string_param(params, 0);
  if (name == nullptr) {
    return fault(kIncorrectParameters);
  }
  std::vector<core::ServiceView> views = controller.services();
  auto target = find_target(views, *name);
  if (Fault* error = std::get_if<Fault>(&target)) {
    return *error;
  }
  const Target& found = std::get<Target>(target);
  if (found.process == nullptr) {
    return group_call(controller, action, &found.group, params, 1);
  }
  auto opts = options(action, params, 1);
  if (Fault* error = std::get_if<Fault>(&opts)) {
    return *error;
  }
  auto [wait, signo] = std::get<std::pair<bool, int>>(opts);
  return per_process(controller, action, wait, signo)(*found.process, *name);
}

Reply group_by_name(Controller& controller, Action action, const Params& params) {
  const std::string* group = string_param(params, 0);
  if (group == nullptr) {
    return fault(kIncorrectParameters);
  }
  return group_call(controller, action, group, params, 1);
}

Reply start_process(Controller& c, const Params& p) { return process_call(c, Action::Start, p); }
Reply stop_process(Controller& c, const Params& p) { return process_call(c, Action::Stop, p); }
Reply signal_process(Controller& c, const Params& p) { return process_call(c, Action::Signal, p); }
Reply start_group(Controller& c, const Params& p) { return group_by_name(c, Action::Start, p); }
Reply stop_group(Controller& c, const Params& p) { return group_by_name(c, Action::Stop, p); }
Reply signal_group(Controller& c, const Params& p) { return group_by_name(c, Action::Signal, p); }
Reply start_all(Controller& c, const Params& p) {
  return group_call(c, Action::Start, nullptr, p, 0);
}
Reply stop_all(Controller& c, const Params& p) {
  return group_call(c, Action::Stop, nullptr, p, 0);
}
Reply signal_all(Controller& c, const Params& p) {
  return group_call(c, Action::Signal, nullptr, p, 0);
}

constexpr Method kMethods[] = {
    {"supervisor.startProcess", "boolean,string,boolean", "Start a process", start_process},
    {"supervisor.startProcessGroup", "array,string,boolean", "Start all processes in the group",
     start_group},
    {"supervisor.startAllProcesses", "array,boolean", "Start all processes listed in the config",
     start_all},
    {"supervisor.stopProcess", "boolean,string,boolean", "Stop a process named by name",
     stop_process},
    {"supervisor.stopProcessGroup", "array,string,boolean", "Stop all processes in the group",
     stop_group},
    {"supervisor.stopAllProcesses", "array,boolean", "Stop all processes in the process list",
     stop_all},
    {"supervisor.signalProcess", "boolean,string,string",
     "Send an arbitrary UNIX signal to the process named by name", signal_process},
    {"supervisor.signalProcessGroup", "array,string,string",
     "Send a signal to all processes in the group", signal_group},
    {"supervisor.signalAllProcesses", "array,string",
     "Send a signal to all processes in the process list", signal_all},
};

}  // namespace

std::span<const Method> process_methods() { return kMethods; }

}  // namespace drover::api::rpc
