// concurrency: allow (issue #9, docs/decisions/0010): a run due while the
// previous one still runs starts beside it. The service's state machine
// follows one instance, its first run; the others are tracked here: spawned
// with a fresh instance id through the same runtime, their output logged as
// the service's (with their own partial lines), max_runtime enforced per
// run, and each exit recorded as a run result.
#include "base/duration.h"
#include "core/schedule_run.h"
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <csignal>

namespace drover::supervisor {

core::CommandOutcome Supervisor::start_beside_run(ServiceRecord& service) {
  ScheduleState& schedule = service.schedule;
  const std::string& name = service.spec.name;
  runtime::InstanceId id = ++next_instance_;
  instance_owner_[id] = name;
  auto run = std::make_unique<ScheduleState::BesideRun>(io_, service.spec.log.max_line);
  Duration limit = service.spec.schedule.max_runtime;
  if (limit.count() > 0) {
    run->timer.arm(limit, [this, name, id] { beside_runtime_exceeded(name, id); });
  }
  schedule.beside.emplace(id, std::move(run));
  ++schedule.runs;
  log::info(name, "run started beside the previous one (concurrency allow; " +
                      std::to_string(schedule.beside.size() + 1) + " runs in progress)");
  runtime_for(service.spec).start(id, service.spec);
  return {name, true, "running beside the previous run"};
}

ScheduleState::BesideRun* Supervisor::beside_run(ServiceRecord& service, runtime::InstanceId id) {
  auto found = service.schedule.beside.find(id);
  return found == service.schedule.beside.end() ? nullptr : found->second.get();
}

void Supervisor::beside_output(ServiceRecord& service, runtime::InstanceId id,
                               runtime::Stream stream, std::string_view bytes) {
  ScheduleState::BesideRun* run = beside_run(service, id);
  if (run == nullptr) {
    log_output(service, stream, bytes);
    return;
  }
  bool is_stdout = stream == runtime::Stream::Stdout;
  take_lines_with(service, is_stdout ? run->stdout_lines : run->stderr_lines, stream, bytes, false);
}

void Supervisor::finish_beside_run(ServiceRecord& service, runtime::InstanceId id,
                                   std::optional<core::ExitStatus> exit,
                                   const std::string& spawn_error) {
  auto found = service.schedule.beside.find(id);
  if (found == service.schedule.beside.end()) {
    return;
  }
  ScheduleState::BesideRun& run = *found->second;
  take_lines_with(service, run.stdout_lines, runtime::Stream::Stdout, {}, true);
  take_lines_with(service, run.stderr_lines, runtime::Stream::Stderr, {}, true);
  ScheduleState& schedule = service.schedule;
  auto elapsed = std::chrono::system_clock::now() - run.started;
  schedule.last_run_at =
      std::chrono::duration_cast<std::chrono::seconds>(run.started.time_since_epoch()).count();
  schedule.last_run_duration_ms = std::chrono::duration_cast<Duration>(elapsed).count();
  schedule.last_run_result = run.stopped && !run.killed_by_max_runtime
                                 ? "stopped"
                                 : core::describe_beside_result(service.spec, exit, spawn_error,
                                                                run.killed_by_max_runtime);
  log::info(service.spec.name, "run beside finished: " + schedule.last_run_result + " after " +
                                   format_duration(Duration{schedule.last_run_duration_ms}));
  schedule.beside.erase(found);
  instance_owner_.erase(id);
}

// Stop signal first; SIGKILL to the group if it is still there after stop_timeout.
void Supervisor::beside_runtime_exceeded(const std::string& name, runtime::InstanceId id) {
  ServiceRecord* service = find(name);
  ScheduleState::BesideRun* run = service ? beside_run(*service, id) : nullptr;
  if (run == nullptr) {
    return;
  }
  runtime::Runtime& runtime = runtime_for(service->spec);
  if (run->stopped) {
    (void)runtime.signal(id, SIGKILL, core::SignalTarget::Group);
    return;
  }
  run->killed_by_max_runtime = true;
  run->stopped = true;
  log::warn(name, "a run beside exceeded max_runtime " +
                      format_duration(service->spec.schedule.max_runtime) + "; stopping it");
  (void)runtime.signal(id, service->spec.stop_signal, service->spec.stop_target);
  run->timer.arm(service->spec.stop_timeout,
                 [this, name, id] { beside_runtime_exceeded(name, id); });
}

// `drover stop` and shutdown: every run beside gets the stop signal, and
// SIGKILL after stop_timeout (through the max_runtime path, which says why).
size_t Supervisor::stop_beside_runs(ServiceRecord& service) {
  runtime::Runtime& runtime = runtime_for(service.spec);
  const std::string& name = service.spec.name;
  for (auto& [id, run] : service.schedule.beside) {
    if (run->stopped) {
      continue;  // Already on its way to SIGKILL.
    }
    (void)runtime.signal(id, service.spec.stop_signal, service.spec.stop_target);
    run->stopped = true;  // The next timer step is SIGKILL.
    run->timer.arm(service.spec.stop_timeout,
                   [this, name, id = id] { beside_runtime_exceeded(name, id); });
  }
  return service.schedule.beside.size();
}

}  // namespace drover::supervisor
