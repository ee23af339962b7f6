#include "core/service_status.h"

namespace drover::core {

std::string_view state_name(State state) {
  switch (state) {
    case State::Stopped:
      return "STOPPED";
    case State::Starting:
      return "STARTING";
    case State::Running:
      return "RUNNING";
    case State::Backoff:
      return "BACKOFF";
    case State::Stopping:
      return "STOPPING";
    case State::Exited:
      return "EXITED";
    case State::Fatal:
      return "FATAL";
    case State::Unknown:
    case State::kCount:
      break;
  }
  return "UNKNOWN";
}

std::string describe_exit(const ExitStatus& status) {
  if (!status.cause.empty()) {
    return status.cause;
  }
  if (status.signal != 0) {
    return "killed by signal " + std::to_string(status.signal);
  }
  return "exit status " + std::to_string(status.code);
}

}  // namespace drover::core
