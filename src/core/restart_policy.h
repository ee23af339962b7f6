#pragma once

#include "core/model.h"
#include "core/service_status.h"

namespace drover::core {

// An exit counts as success when the process exited (not killed) with one of
// the spec's success_exit_codes.
bool is_success(const ServiceSpec& spec, const ExitStatus& status);

// Whether a longrun that ended after reaching RUNNING is started again.
bool should_restart(const ServiceSpec& spec, const ExitStatus& status);

// Wait before start attempt number failures+1: 1s, 2s, 4s, ... capped at 60s.
// REQUIRES: failures >= 1.
Duration backoff_delay(int failures);

inline constexpr Duration kMaxBackoff = std::chrono::seconds(60);

}  // namespace drover::core
