// `drover run NAME`: the role service's end is the container's end. drover
// stops what else runs (the oneshots are done by then; --with-deps longruns
// are not) and exits with the role's exit code, as `docker run` reports it.
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

namespace drover::supervisor {
namespace {

// A shell's convention: the code, or 128 + the signal that killed it; 127
// when the program never ran (as for "command not found").
int exit_code_of(const core::ServiceStatus& status) {
  if (!status.last_exit) {
    return 127;
  }
  return status.last_exit->signal != 0 ? 128 + status.last_exit->signal : status.last_exit->code;
}

}  // namespace

// Called on every state change. Returns true when it has taken over (the
// role ended and a shutdown began), so the usual reactions are skipped.
bool Supervisor::role_ended(ServiceRecord& service) {
  if (settings_.role.empty() || service.spec.name != settings_.role) {
    return false;
  }
  core::State state = service.status.state;
  bool ended = state == core::State::Exited || state == core::State::Fatal ||
               (state == core::State::Stopped && service.status.last_exit.has_value());
  if (!ended) {
    return false;
  }
  exit_code_ = exit_code_of(service.status);
  if (shutting_down_) {
    continue_shutdown();  // Stopped by a signal: the code is the role's, the rest goes on.
    return true;
  }
  log::info("", "role " + service.spec.name + " ended with exit code " +
                    std::to_string(exit_code_) + "; stopping");
  begin_shutdown();
  return true;
}

}  // namespace drover::supervisor
