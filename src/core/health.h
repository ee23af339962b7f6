#pragma once

#include "core/model.h"
#include "core/service_status.h"

#include <string>
#include <string_view>

namespace drover::core {

// The probe state of one service's current process (Docker's health states).
enum class Health : uint8_t { Starting, Healthy, Unhealthy };

std::string_view health_name(Health health);  // "starting" | "healthy" | "unhealthy"

// What the probe results of the current process add up to. Reset to the
// default for every new process; only on_probe() changes it.
struct HealthStatus {
  Health health = Health::Starting;
  int consecutive_failures = 0;  // Counted ones only (not those inside start_period).
  int consecutive_successes = 0;
  bool ever_healthy = false;  // Since the process started.

  bool operator==(const HealthStatus&) const = default;
};

// The effect of one probe result.
struct HealthVerdict {
  HealthStatus status;
  bool became_healthy = false;
  bool became_unhealthy = false;
  // on_failure is restart and this result made it unhealthy: restart it now.
  bool restart = false;
};

// Applies one probe result of a process started at `started_at`, at `now`.
// - A pass counts towards success_threshold; reaching it makes the process
//   healthy and clears the failure count.
// - A failure clears the success count. While the process has never been
//   healthy and is inside start_period, failures do not count (Docker's
//   start period). Otherwise the `retries`-th consecutive failure (at least 1)
//   makes it unhealthy, and then asks for a restart when on_failure says so;
//   later failures keep it unhealthy without asking again.
HealthVerdict on_probe(const HealthSpec& spec, const HealthStatus& status, bool passed,
                       TimePoint started_at, TimePoint now);

// The number of consecutive failures that make a process unhealthy.
int failure_limit(const HealthSpec& spec);

// A description of the failure that made a process unhealthy, for status
// and the restart reason: "health check failed 3 times: connection refused".
std::string unhealthy_reason(int failures, std::string_view output);

}  // namespace drover::core
