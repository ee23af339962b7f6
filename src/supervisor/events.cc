// supervisord's events (issue #6, 2c): what happens to services becomes
// PROCESS_STATE_*, PROCESS_LOG_*, SUPERVISOR_STATE_CHANGE_*, TICK_* and
// PROCESS_GROUP_* events for the [eventlistener:x] pools (event_pools.h).
// Nothing here runs, and no timer is armed, when no listener is configured.
#include "core/event_protocol.h"
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <array>

namespace drover::supervisor {

namespace {

std::string group_of(const core::ServiceSpec& spec) {
  return spec.program_group.empty() ? spec.name : spec.program_group;
}

constexpr std::array<int, 3> kTickPeriods = {5, 60, 3600};

}  // namespace

void Supervisor::start_events() {
  events_.emplace(settings_.daemon.identifier, [this](runtime::InstanceId id, std::string bytes) {
    return static_cast<bool>(process_runtime_->write_stdin(id, std::move(bytes)));
  });
  // supervisord adds groups in priority order (the services' order) and a
  // pool subscribes when its own group is added, so it sees the groups
  // added after it; then it announces that it is running.
  std::string last_group;
  for (const auto& service : services_) {
    if (service->spec.event_listener.listener()) {
      events_->add_listener(service->spec);
    }
    std::string group = group_of(service->spec);
    if (group != last_group) {
      emit_event("PROCESS_GROUP_ADDED", "groupname:" + group + "\n");
      last_group = group;
    }
  }
  emit_event("SUPERVISOR_STATE_CHANGE_RUNNING", "");
  arm_ticks();
}

void Supervisor::emit_event(const std::string& name, const std::string& payload) {
  if (events_ && !events_->empty()) {
    events_->emit(name, payload);
  }
}

// supervisord's payloads: processname, groupname, from_state, then tries for
// STARTING/BACKOFF, expected and pid for EXITED, pid for RUNNING, STOPPING
// and STOPPED (the pid of the process that just ended, for the last two).
void Supervisor::emit_state_event(ServiceRecord& service, core::State before) {
  const core::ServiceStatus& status = service.status;
  if (status.pid != 0) {
    last_pid_[service.spec.name] = status.pid;
  }
  if (!events_ || events_->empty()) {
    return;
  }
  if (service.spec.event_listener.listener()) {
    events_->listener_running(service.spec.name, service.instance,
                              status.state == core::State::Running);
  }
  std::string name = "PROCESS_STATE_" + std::string(core::state_name(status.state));
  if (!events_->any_subscribes(name)) {
    return;
  }
  std::string pid = std::to_string(last_pid_[service.spec.name]);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"processname", service.spec.name},
      {"groupname", group_of(service.spec)},
      {"from_state", std::string(core::state_name(before))}};
  switch (status.state) {
    case core::State::Starting:
    case core::State::Backoff:
      fields.emplace_back("tries", std::to_string(status.failed_attempts));
      break;
    case core::State::Exited: {
      const auto& codes = service.spec.success_exit_codes;
      bool expected = status.last_exit && status.last_exit->signal == 0 &&
                      std::find(codes.begin(), codes.end(), status.last_exit->code) != codes.end();
      fields.emplace_back("expected", expected ? "1" : "0");
      fields.emplace_back("pid", pid);
      break;
    }
    case core::State::Running:
    case core::State::Stopping:
    case core::State::Stopped:
      fields.emplace_back("pid", pid);
      break;
    default:
      break;
  }
  events_->emit(name, core::render_fields(fields));
}

bool Supervisor::listener_output(ServiceRecord& service, runtime::InstanceId id,
                                 runtime::Stream stream, std::string_view bytes) {
  if (!events_ || events_->empty()) {
    return false;
  }
  if (stream == runtime::Stream::Stdout && service.spec.event_listener.listener() &&
      id == service.instance) {
    std::string rest = events_->listener_output(service.spec.name, bytes);
    if (!rest.empty()) {
      take_lines(service, stream, rest, false);
    }
    return true;
  }
  bool enabled = stream == runtime::Stream::Stdout ? service.spec.log.stdout_events
                                                   : service.spec.log.stderr_events;
  if (enabled && !bytes.empty()) {
    std::string channel = stream == runtime::Stream::Stdout ? "stdout" : "stderr";
    std::string name =
        stream == runtime::Stream::Stdout ? "PROCESS_LOG_STDOUT" : "PROCESS_LOG_STDERR";
    std::string header = core::render_fields({{"processname", service.spec.name},
                                              {"groupname", group_of(service.spec)},
                                              {"pid", std::to_string(service.status.pid)},
                                              {"channel", channel}});
    events_->emit(name, header + "\n" + std::string(bytes));
  }
  return false;
}

// TICK_N carries the start of the N-second slice it marks (supervisord's
// timeslice); the timer runs only while some pool subscribes to a tick.
void Supervisor::arm_ticks() {
  int period = 0;
  for (int p : kTickPeriods) {
    if (period == 0 && events_->any_subscribes("TICK_" + std::to_string(p))) {
      period = p;
    }
  }
  if (period == 0 || shutting_down_) {
    return;
  }
  auto now = std::chrono::system_clock::now();
  long seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (last_tick_.empty()) {
    for (int p : kTickPeriods) {
      last_tick_[p] = seconds - seconds % p;
    }
  }
  auto next = std::chrono::system_clock::time_point(
      std::chrono::seconds(seconds - seconds % period + period));
  tick_timer_.expires_after(
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(next - now));
  tick_timer_.async_wait([this](boost::system::error_code ec) {
    if (ec) {
      return;
    }
    long now_s = std::chrono::duration_cast<std::chrono::seconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    for (int p : kTickPeriods) {
      long slice = now_s - now_s % p;
      if (slice != last_tick_[p]) {
        last_tick_[p] = slice;
        emit_event("TICK_" + std::to_string(p), "when:" + std::to_string(slice));
      }
    }
    arm_ticks();
  });
}

}  // namespace drover::supervisor
