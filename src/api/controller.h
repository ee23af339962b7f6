#pragma once

#include "base/result.h"
#include "core/commands.h"
#include "core/service_view.h"

#include <string>
#include <vector>

namespace drover::api {

// What the API needs from the supervisor: status views and a way to hand it
// commands. The supervisor implements it; api/ never sees runtimes or the
// state machine (requests flow socket -> router -> Command -> supervisor).
class Controller {
 public:
  virtual ~Controller() = default;

  // Every service, in declaration order.
  virtual std::vector<core::ServiceView> services() const = 0;

  // Carries out `command`. Unknown service names fail the whole command with
  // Errc::NotFound and a message listing the known names; nothing is done.
  // Per-service results (e.g. "already running") come back as outcomes.
  // Reload returns Errc::InvalidConfig with the config errors when the new
  // file is invalid; the running services are untouched then.
  // Shutdown returns at once; the process exits after the stack is stopped.
  virtual Result<std::vector<core::CommandOutcome>> execute(const core::Command& command) = 0;
};

}  // namespace drover::api
