// Orchestration around the per-service machines: dependency conditions gate
// starts, a failed oneshot or required service fails the whole stack fast,
// and shutdown stops dependants before what they depend on. Every decision
// comes from core/plan; this file only applies it when a state changes.
#include "core/plan.h"
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <algorithm>

namespace drover::supervisor {

void Supervisor::request_start(ServiceRecord& service) {
  service.start_pending = true;
  try_start(service);
}

void Supervisor::try_start(ServiceRecord& service) {
  core::DependencyVerdict verdict = core::check_dependencies(
      service.spec,
      [this](const std::string& name) -> const core::ServiceSpec* {
        ServiceRecord* dep = find(name);
        return dep == nullptr || dep->removing ? nullptr : &dep->spec;
      },
      [this](const std::string& name) -> const core::ServiceStatus* {
        ServiceRecord* dep = find(name);
        return dep == nullptr ? nullptr : &dep->status;
      },
      [this](const std::string& name) { return dependency_health(name); });
  if (verdict.readiness != core::Readiness::Ready) {
    service.waiting_reason = verdict.reason;
    return;
  }
  service.start_pending = false;
  service.waiting_reason.clear();
  dispatch(service, core::StartRequested{});
}

void Supervisor::request_stop(ServiceRecord& service) {
  service.start_pending = false;
  service.waiting_reason.clear();
  dispatch(service, core::StopRequested{});
}

void Supervisor::state_changed(ServiceRecord& service, core::State before) {
  const core::ServiceStatus& status = service.status;
  std::string line =
      std::string(core::state_name(before)) + " -> " + std::string(core::state_name(status.state));
  if (status.pid != 0 && status.state != core::State::Stopping) {
    line += " (pid " + std::to_string(status.pid) + ")";
  }
  if (!status.reason.empty()) {
    line += ": " + status.reason;
  }
  log::info(service.spec.name, line);
  if (service.spec.schedule.scheduled()) {
    track_run(service);
  }

  if (role_ended(service)) {
    return;
  }
  if (shutting_down_) {
    continue_shutdown();
    return;
  }
  if (core::is_at_rest(status.state) && (service.removing || service.replacement)) {
    settle_reload(service);
    return;
  }
  // A failed scheduled run is just a failed run, unless the service is required.
  if (status.state == core::State::Fatal &&
      (service.spec.required ||
       (service.spec.type == core::ServiceType::Oneshot && !service.spec.schedule.scheduled() &&
        has_pending_dependants(service)))) {
    fail(service);
    return;
  }
  for (const std::string& name : dependants_[service.spec.name]) {
    ServiceRecord* dependant = find(name);
    if (dependant != nullptr && dependant->start_pending) {
      try_start(*dependant);
    }
  }
}

bool Supervisor::has_pending_dependants(const ServiceRecord& service) const {
  auto found = dependants_.find(service.spec.name);
  if (found == dependants_.end()) {
    return false;
  }
  return std::any_of(found->second.begin(), found->second.end(), [this](const std::string& name) {
    ServiceRecord* dependant = find(name);
    return dependant != nullptr && dependant->start_pending;
  });
}

// The stack cannot come up as configured: say why, with the service's last
// output, and stop everything. `drover up` then exits non-zero.
void Supervisor::fail(ServiceRecord& service) {
  exit_code_ = 1;
  std::string text = service.spec.name + " failed";
  if (service.status.last_exit) {
    text += " (" + core::describe_exit(*service.status.last_exit) + ")";
  }
  text += service.spec.required ? " and is required" : "; services that depend on it cannot start";
  text += "; stopping everything";
  // Its last lines come from its ring (log.ring); with no ring, only the reason.
  core::LogQuery last;
  last.last_lines = 10;
  std::vector<core::LogEntry> tail = service.output->query(last);
  if (!tail.empty()) {
    text += ". Its last output:";
    for (const core::LogEntry& line : tail) {
      text += "\n    " + line.text.substr(0, 1024);
    }
  } else if (!service.status.reason.empty()) {
    text += ". Reason: " + service.status.reason;
  }
  log::error(service.spec.name, text);
  begin_shutdown();
}

void Supervisor::begin_shutdown() {
  if (shutting_down_) {
    return;
  }
  shutting_down_ = true;
  tick_timer_.cancel();
  emit_event("SUPERVISOR_STATE_CHANGE_STOPPING", "");
  shutdown_timer_.expires_after(settings_.shutdown_timeout);
  shutdown_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) {
      return;
    }
    log::warn("", "shutdown_timeout reached; killing every remaining process group");
    kill_everything();
    finish();
  });
  for (const auto& service : services_) {
    service->start_pending = false;
    stop_beside_runs(*service);  // Runs beside are not ordered: they stop at once.
  }
  continue_shutdown();
}

bool Supervisor::dependants_at_rest(const ServiceRecord& service) const {
  auto found = dependants_.find(service.spec.name);
  if (found == dependants_.end()) {
    return true;
  }
  return std::all_of(found->second.begin(), found->second.end(), [this](const std::string& name) {
    ServiceRecord* dependant = find(name);
    return dependant == nullptr || core::is_at_rest(dependant->status.state);
  });
}

// supervisord stops in reverse priority order, a priority only once every
// higher one has stopped; equal priorities (every YAML service: 999) stop
// together, as dependencies allow.
bool Supervisor::higher_priorities_at_rest(const ServiceRecord& service) const {
  return std::all_of(services_.begin(), services_.end(), [&](const auto& other) {
    core::State state = other->status.state;
    return other->spec.priority <= service.spec.priority ||
           (core::is_at_rest(state) && state != core::State::Backoff);
  });
}

// Stops every service whose dependants have all stopped; finishes when
// nothing has a process any more. Runs on every state change during shutdown.
// A stop request changes state and so re-enters this function; the re-entry
// only marks the pass dirty, and the outer loop runs another pass.
void Supervisor::continue_shutdown() {
  if (shutdown_pass_running_) {
    shutdown_pass_dirty_ = true;
    return;
  }
  shutdown_pass_running_ = true;
  bool all_at_rest = true;
  do {
    shutdown_pass_dirty_ = false;
    all_at_rest = true;
    for (size_t i = 0; i < services_.size(); ++i) {
      ServiceRecord& service = *services_[i];
      core::State state = service.status.state;
      bool has_work = !core::is_at_rest(state) || state == core::State::Backoff;
      if (has_work && state != core::State::Stopping && dependants_at_rest(service) &&
          higher_priorities_at_rest(service)) {
        dispatch(service, core::StopRequested{});
      }
      state = service.status.state;
      if (!core::is_at_rest(state) || state == core::State::Backoff) {
        all_at_rest = false;
      }
    }
  } while (shutdown_pass_dirty_);
  shutdown_pass_running_ = false;
  if (all_at_rest) {
    finish();
  }
}

void Supervisor::finish() {
  if (finished_called_) {
    return;
  }
  finished_called_ = true;
  shutdown_timer_.cancel();
  // Helpers a service left in its process group are not supervised: end them.
  kill_everything();
  end_followers();
  for (const auto& service : services_) {
    service->followed.clear();
  }
  signals_.cancel();
  log::info("", exit_code_ == 0
                    ? "stopped"
                    : "stopped after a failure; exit code " + std::to_string(exit_code_));
  if (finished_) {
    finished_();
  }
}

}  // namespace drover::supervisor
