// Restart and back-off policy as plain functions, so the state machine's
// handlers stay one screen each and the arithmetic is tested on its own.
#include "core/restart_policy.h"

#include <algorithm>

namespace drover::core {

bool is_success(const ServiceSpec& spec, const ExitStatus& status) {
  if (status.signal != 0) {
    return false;
  }
  return std::find(spec.success_exit_codes.begin(), spec.success_exit_codes.end(), status.code) !=
         spec.success_exit_codes.end();
}

bool should_restart(const ServiceSpec& spec, const ExitStatus& status) {
  switch (spec.restart) {
    case RestartPolicy::Always:
      return true;
    case RestartPolicy::OnFailure:
      return !is_success(spec, status);
    case RestartPolicy::Never:
      return false;
  }
  return false;
}

Duration backoff_delay(int failures) {
  // 2^(failures-1) seconds; shifting past 6 already exceeds the cap. Clamp
  // before subtracting, so that no argument can overflow.
  int exponent = std::clamp(failures, 1, 7) - 1;
  return std::min<Duration>(std::chrono::seconds(1LL << exponent), kMaxBackoff);
}

}  // namespace drover::core
