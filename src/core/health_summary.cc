// The aggregated verdict behind GET /health. Pure, on status views, so the
// API, the CLI and the tests all judge the same way.
#include "core/health_summary.h"

namespace drover::core {
namespace {

std::string with_detail(std::string text, const std::string& detail) {
  return detail.empty() ? text : text + ": " + detail;
}

// Why one longrun does not count as up, or "" when it does.
std::string problem_of(const ServiceView& view) {
  if (view.state != State::Running) {
    return with_detail(view.name + " is " + std::string(state_name(view.state)), view.description);
  }
  if (view.health == "unhealthy") {
    return with_detail(view.name + " is unhealthy", view.health_output);
  }
  if (view.health == "starting") {
    return view.name + " has not passed its health check yet";
  }
  return "";
}

}  // namespace

HealthSummary service_health(const ServiceView& service) {
  HealthSummary summary;
  std::string problem;
  if (service.type == "oneshot") {
    bool failed = service.state == State::Fatal || service.state == State::Backoff;
    if (failed) {
      problem = with_detail(service.name + " failed", service.description);
    }
  } else {
    problem = problem_of(service);
  }
  if (!problem.empty()) {
    summary.healthy = false;
    summary.reasons.push_back(std::move(problem));
  }
  return summary;
}

HealthSummary summarize_health(const std::vector<ServiceView>& services) {
  HealthSummary summary;
  for (const ServiceView& view : services) {
    std::string problem;
    if (view.type == "longrun" && view.autostart) {
      problem = problem_of(view);
    } else if (view.required && (view.state == State::Fatal || view.state == State::Exited) &&
               view.type == "longrun") {
      problem = with_detail(view.name + " is required and " + std::string(state_name(view.state)),
                            view.description);
    } else if (view.required && view.type == "oneshot" && view.state == State::Fatal) {
      problem = with_detail(view.name + " is required and failed", view.description);
    }
    if (!problem.empty()) {
      summary.healthy = false;
      summary.reasons.push_back(std::move(problem));
    }
  }
  return summary;
}

}  // namespace drover::core
