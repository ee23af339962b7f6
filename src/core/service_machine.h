#pragma once

#include "core/model.h"
#include "core/service_actions.h"
#include "core/service_events.h"
#include "core/service_status.h"

#include <string_view>
#include <vector>

namespace drover::core {

struct Transition {
  ServiceStatus status;
  std::vector<Action> actions;
};

// The per-service state machine: the only code that changes a ServiceStatus.
// Pure: the same (spec, status, event) always gives the same transition. Every
// (state, event kind) pair has a named handler; pairs that need no reaction
// name `ignore` and return the status unchanged with no actions. It never
// fails and never asserts on input, because it runs inside PID 1.
Transition step(const ServiceSpec& spec, const ServiceStatus& status, const Event& event);

// The handler name in the table cell, for docs/state-machine.md.
std::string_view handler_name(State state, size_t event_kind);

}  // namespace drover::core
