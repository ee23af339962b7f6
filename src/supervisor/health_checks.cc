// Health checks of each service's current process. A probe runs `interval`
// after the process started and then `interval` after each result, so probes
// of one service never overlap and an idle stack wakes only when a probe is
// due. Results go through core::on_probe(); this file acts on the verdict:
// the log line, waiting dependants, a liveness restart (FailureDetected
// through the normal stop path) and fail-fast for a required service that
// never became healthy.
#include "health/probe.h"
#include "log/diagnostics.h"
#include "runtime/remote/remote_script.h"
#include "supervisor/supervisor.h"

#include <chrono>

namespace drover::supervisor {
namespace {

// While the instance is up: a process has a pid; a container has none, so
// it counts from its start (the spawn answered) until its exit.
bool wants_probes(const ServiceRecord& service) {
  core::State state = service.status.state;
  bool up = service.status.pid != 0 ||
            (service.spec.runtime != core::RuntimeKind::Process && !service.status.spawn_pending);
  return service.spec.health.kind != core::ProbeKind::None && up &&
         (state == core::State::Starting || state == core::State::Running);
}

int64_t wall_seconds_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string exec_output(const runtime::ProbeResult& result, core::Duration timeout) {
  if (result.timed_out) {
    return "timed out after " + std::to_string(timeout.count()) + "ms";
  }
  std::string text = result.output;
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  if (result.status.code != 0 || result.status.signal != 0) {
    return core::describe_exit(result.status) + (text.empty() ? "" : ": " + text);
  }
  return text;
}

}  // namespace

void Supervisor::health_after_step(ServiceRecord& service) {
  ServiceHealth& health = service.health;
  if (wants_probes(service)) {
    if (health.instance != service.instance) {
      health.status = core::HealthStatus{};
      health.instance = service.instance;
      schedule_probe(service);
    }
    return;
  }
  if (health.instance != 0) {
    health.instance = 0;
    health.next_probe.cancel();
  }
}

void Supervisor::schedule_probe(ServiceRecord& service) {
  ServiceHealth& health = service.health;
  health.next_probe.expires_after(service.spec.health.interval);
  health.next_probe.async_wait(
      [this, name = service.spec.name, instance = health.instance](boost::system::error_code ec) {
        if (!ec) {
          run_probe(name, instance);
        }
      });
}

// A probe command where the service runs: health.exec, or an http/tcp
// probe `from: remote`.
void Supervisor::run_exec_probe(ServiceRecord& service, std::vector<std::string> argv) {
  const core::HealthSpec& spec = service.spec.health;
  runtime_for(service.spec)
      .run_probe(service.spec, std::move(argv), spec.timeout,
                 [this, name = service.spec.name, instance = service.health.instance,
                  timeout = spec.timeout](runtime::ProbeResult r) {
                   bool passed = !r.timed_out && r.status.code == 0 && r.status.signal == 0;
                   on_probe_result(name, instance, passed, exec_output(r, timeout), r.elapsed);
                 });
}

void Supervisor::run_probe(const std::string& name, runtime::InstanceId instance) {
  ServiceRecord* service = find(name);
  if (service == nullptr || service->health.instance != instance) {
    return;
  }
  const core::HealthSpec& spec = service->spec.health;
  auto report = [this, name, instance](health::ProbeReport r) {
    on_probe_result(name, instance, r.passed, std::move(r.output), r.elapsed);
  };
  if (spec.from_remote && spec.kind != core::ProbeKind::Exec) {
    run_exec_probe(*service, {"/bin/sh", "-c", runtime::remote::network_probe_script(spec)});
    return;
  }
  switch (spec.kind) {
    case core::ProbeKind::Http:
      health::probe_http(io_, spec, std::move(report));
      return;
    case core::ProbeKind::Tcp:
      health::probe_tcp(io_, spec, std::move(report));
      return;
    case core::ProbeKind::Exec:
      run_exec_probe(*service, spec.exec);
      return;
    case core::ProbeKind::None:
      return;
  }
}

void Supervisor::on_probe_result(const std::string& name, runtime::InstanceId instance, bool passed,
                                 std::string output, core::Duration elapsed) {
  ServiceRecord* service = find(name);
  if (service == nullptr || service->health.instance != instance) {
    return;  // The process it probed is gone.
  }
  ServiceHealth& health = service->health;
  health.output = output.substr(0, 512);
  health.latency_ms = elapsed.count();
  health.probe_at = wall_seconds_now();
  core::HealthVerdict verdict =
      core::on_probe(service->spec.health, health.status, passed, service->status.started_at,
                     std::chrono::steady_clock::now());
  health.status = verdict.status;
  schedule_probe(*service);
  health_changed(*service, verdict);
}

void Supervisor::health_changed(ServiceRecord& service, const core::HealthVerdict& verdict) {
  const ServiceHealth& health = service.health;
  if (verdict.became_healthy) {
    log::info(service.spec.name, "healthy" + (health.output.empty() ? "" : ": " + health.output));
  } else if (verdict.became_unhealthy) {
    log::warn(
        service.spec.name,
        "unhealthy: " + core::unhealthy_reason(health.status.consecutive_failures, health.output));
  } else {
    return;
  }
  if (verdict.became_unhealthy && !health.status.ever_healthy && service.spec.required &&
      !shutting_down_) {
    fail(service);
    return;
  }
  if (verdict.restart) {
    dispatch(service, core::FailureDetected{core::unhealthy_reason(
                          health.status.consecutive_failures, health.output)});
    return;
  }
  for (const std::string& name : dependants_[service.spec.name]) {
    ServiceRecord* dependant = find(name);
    if (dependant != nullptr && dependant->start_pending) {
      try_start(*dependant);
    }
  }
}

core::DependencyHealth Supervisor::dependency_health(const std::string& name) const {
  const ServiceRecord* service = find(name);
  if (service == nullptr || service->spec.health.kind == core::ProbeKind::None) {
    return {};
  }
  const ServiceHealth& health = service->health;
  if (health.status.health == core::Health::Healthy && health.instance == service->instance) {
    return {};
  }
  std::string note(core::health_name(health.status.health));
  if (health.status.health == core::Health::Unhealthy) {
    note += ": " + core::unhealthy_reason(health.status.consecutive_failures, health.output);
  }
  return {false, note};
}

void Supervisor::fill_health_view(const ServiceRecord& service, core::ServiceView& view) const {
  const ServiceHealth& health = service.health;
  view.ready_status = health.ready_status;
  if (service.spec.health.kind == core::ProbeKind::None) {
    return;
  }
  view.health_output = health.output;
  view.probe_latency_ms = health.latency_ms;
  view.probe_at = health.probe_at;
  if (health.instance != 0) {
    view.health = std::string(core::health_name(health.status.health));
  }
}

}  // namespace drover::supervisor
