// Health probe arithmetic, pure: the shell runs the probes and feeds each
// result here with the time, and acts on the verdict (status, dependants,
// restarts). Docker's HEALTHCHECK semantics, plus success_threshold from
// Kubernetes so that a flapping service has to pass several times in a row.
#include "core/health.h"

#include <algorithm>

namespace drover::core {

std::string_view health_name(Health health) {
  switch (health) {
    case Health::Starting:
      return "starting";
    case Health::Healthy:
      return "healthy";
    case Health::Unhealthy:
      return "unhealthy";
  }
  return "starting";
}

int failure_limit(const HealthSpec& spec) { return std::max(spec.retries, 1); }

HealthVerdict on_probe(const HealthSpec& spec, const HealthStatus& status, bool passed,
                       TimePoint started_at, TimePoint now) {
  HealthVerdict verdict;
  HealthStatus& next = verdict.status;
  next = status;
  if (passed) {
    next.consecutive_successes += 1;
    next.consecutive_failures = 0;
    if (next.health != Health::Healthy &&
        next.consecutive_successes >= std::max(spec.success_threshold, 1)) {
      next.health = Health::Healthy;
      next.ever_healthy = true;
      verdict.became_healthy = true;
    }
    return verdict;
  }
  next.consecutive_successes = 0;
  bool in_start_period = !next.ever_healthy && now - started_at < spec.start_period;
  if (in_start_period) {
    return verdict;
  }
  next.consecutive_failures += 1;
  if (next.health != Health::Unhealthy && next.consecutive_failures >= failure_limit(spec)) {
    next.health = Health::Unhealthy;
    verdict.became_unhealthy = true;
    verdict.restart = spec.on_failure == HealthFailureAction::Restart;
  }
  return verdict;
}

std::string unhealthy_reason(int failures, std::string_view output) {
  std::string reason =
      "health check failed " + std::to_string(failures) + (failures == 1 ? " time" : " times");
  std::string_view excerpt = output.substr(0, output.find('\n'));
  if (!excerpt.empty()) {
    reason += ": " + std::string(excerpt.substr(0, 200));
  }
  return reason;
}

}  // namespace drover::core
