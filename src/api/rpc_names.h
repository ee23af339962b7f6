#pragma once

#include "api/rpc_method.h"
#include "core/service_view.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

// supervisord's naming of processes: a process belongs to a group (its own
// name when it has none) and is addressed as "group:name", or just "name"
// when the group has its own name; "group:*" means the whole group.
namespace drover::api::rpc {

std::string process_name(const core::ServiceView& view);  // Without the group.
std::string group_name(const core::ServiceView& view);
std::string namespec(const core::ServiceView& view);  // "name" or "group:name".

struct Target {
  std::string group;
  // The members of `group`, in supervisord's order (sorted by name).
  std::vector<const core::ServiceView*> members;
  // The one process named, or null for a whole group ("group:*" or a
  // group name whose group has no process of that name, as startProcess reads it).
  const core::ServiceView* process = nullptr;
};

// Resolves `name` against `views` (which must outlive the result).
// An unknown group or process is fault BAD_NAME.
std::variant<Target, Fault> find_target(const std::vector<core::ServiceView>& views,
                                        std::string_view name);
// Group names in supervisord's order (by name), each with its sorted members.
std::vector<Target> all_groups(const std::vector<core::ServiceView>& views);

// supervisord's process state codes (supervisor/states.py).
int state_code(core::State state);
bool is_running_state(core::State state);  // RUNNING, BACKOFF, STARTING.
bool is_stopped_state(core::State state);  // STOPPED, EXITED, FATAL, UNKNOWN.

// The struct getProcessInfo returns, with supervisord's description text.
Value process_info(const core::ServiceView& view, int64_t now);

}  // namespace drover::api::rpc
