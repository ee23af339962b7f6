// Dependency conditions. The supervisor asks these questions when a service
// changes state, for that service's dependants only, so ordering costs O(edges)
// per event rather than a scan of the whole stack (ninja's Plan::EdgeFinished).
#include "core/plan.h"

#include "core/restart_policy.h"

namespace drover::core {

bool condition_met(const ServiceSpec& dependency, const ServiceStatus& status,
                   DependencyCondition condition, const DependencyHealth& health) {
  if (dependency.type == ServiceType::Oneshot) {
    return status.completed;
  }
  switch (condition) {
    case DependencyCondition::Started:
      return status.state == State::Running;
    case DependencyCondition::Healthy:
      return status.state == State::Running && health.healthy;
    case DependencyCondition::CompletedSuccessfully:
      return status.state == State::Exited && status.last_exit &&
             is_success(dependency, *status.last_exit);
  }
  return false;
}

bool condition_failed(const ServiceSpec& dependency, const ServiceStatus& status) {
  if (status.state == State::Fatal) {
    return true;
  }
  return dependency.type == ServiceType::Longrun && status.state == State::Exited;
}

DependencyVerdict check_dependencies(const ServiceSpec& spec, const SpecLookup& specs,
                                     const StatusLookup& statuses, const HealthLookup& health) {
  DependencyVerdict waiting;
  for (const Dependency& dep : spec.depends_on) {
    const ServiceSpec* dep_spec = specs(dep.name);
    const ServiceStatus* dep_status = statuses(dep.name);
    if (dep_spec == nullptr || dep_status == nullptr) {
      return {Readiness::Blocked, "dependency " + dep.name + " is not defined"};
    }
    DependencyHealth dep_health = health ? health(dep.name) : DependencyHealth{};
    if (condition_met(*dep_spec, *dep_status, dep.condition, dep_health)) {
      continue;
    }
    if (condition_failed(*dep_spec, *dep_status)) {
      return {Readiness::Blocked, "dependency " + dep.name + " failed (" +
                                      std::string(state_name(dep_status->state)) + ")"};
    }
    if (waiting.readiness == Readiness::Ready) {
      waiting = {Readiness::Waiting, "waiting for " + dep.name + " (" +
                                         std::string(condition_name(dep.condition)) + ")"};
      bool health_matters = dep.condition == DependencyCondition::Healthy &&
                            dep_status->state == State::Running && !dep_health.note.empty();
      if (health_matters) {
        waiting.reason += ": " + dep.name + " is " + dep_health.note;
      }
    }
  }
  return waiting;
}

bool is_at_rest(State state) {
  switch (state) {
    case State::Stopped:
    case State::Exited:
    case State::Fatal:
    case State::Backoff:
      return true;
    case State::Starting:
    case State::Running:
    case State::Stopping:
    case State::Unknown:
    case State::kCount:
      return false;
  }
  return false;
}

std::string_view condition_name(DependencyCondition condition) {
  switch (condition) {
    case DependencyCondition::Started:
      return "started";
    case DependencyCondition::Healthy:
      return "healthy";
    case DependencyCondition::CompletedSuccessfully:
      return "completed_successfully";
  }
  return "started";
}

}  // namespace drover::core
