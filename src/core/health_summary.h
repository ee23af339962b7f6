#pragma once

#include "core/service_view.h"

#include <string>
#include <vector>

namespace drover::core {

// The stack's health as one answer, for GET /health and `drover health`
// (Docker's HEALTHCHECK, load balancers).
struct HealthSummary {
  bool healthy = true;
  std::vector<std::string> reasons;  // One per problem: "scheduler is BACKOFF: ...".
};

// Healthy when every autostart longrun is RUNNING and not unhealthy (a
// service with a probe must have passed it: "starting" does not count), and
// no required service is FATAL or EXITED.
HealthSummary summarize_health(const std::vector<ServiceView>& services);

// The same verdict for one service, whatever its autostart.
HealthSummary service_health(const ServiceView& service);

}  // namespace drover::core
