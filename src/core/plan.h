#pragma once

#include "core/model.h"
#include "core/service_status.h"

#include <functional>
#include <string>

namespace drover::core {

// Looks up the current status of a service by name; nullptr if unknown.
using StatusLookup = std::function<const ServiceStatus*(const std::string&)>;
using SpecLookup = std::function<const ServiceSpec*(const std::string&)>;

// Whether a service's current process passes its health check. A service
// without a probe is healthy whenever it is RUNNING (readiness, if it has
// one, already gates RUNNING). `note` says why not: "unhealthy: ...".
struct DependencyHealth {
  bool healthy = true;
  std::string note;
};
using HealthLookup = std::function<DependencyHealth(const std::string&)>;

enum class Readiness {
  Ready,    // Every dependency condition holds: the service may start now.
  Waiting,  // Some condition does not hold yet but still can.
  Blocked,  // Some dependency has failed for good; it will not start by itself.
};

struct DependencyVerdict {
  Readiness readiness = Readiness::Ready;
  std::string reason;  // "waiting for migrate (completed_successfully)", "migrate failed"
};

// Whether one dependency condition holds. A oneshot satisfies every condition
// once it completed successfully; a longrun satisfies `started` while
// RUNNING, and `healthy` while RUNNING and `health.healthy`.
bool condition_met(const ServiceSpec& dependency, const ServiceStatus& status,
                   DependencyCondition condition, const DependencyHealth& health = {});

// Whether a dependency can no longer satisfy a condition without someone
// starting it again: it is FATAL, or a longrun that EXITED for good.
bool condition_failed(const ServiceSpec& dependency, const ServiceStatus& status);

// The verdict for starting `spec`, from its dependencies' statuses. The first
// blocked dependency wins over waiting ones, so the reason names the failure.
// Without `health`, every dependency counts as healthy.
DependencyVerdict check_dependencies(const ServiceSpec& spec, const SpecLookup& specs,
                                     const StatusLookup& statuses,
                                     const HealthLookup& health = nullptr);

// A service at rest has no process and will not get one without a request or
// a timer: STOPPED, EXITED, FATAL, BACKOFF. Shutdown waits for dependants to
// be at rest before stopping what they depend on.
bool is_at_rest(State state);

std::string_view condition_name(DependencyCondition condition);

}  // namespace drover::core
