// supervisord's events (issue #6, 2c): what happens to services becomes
// PROCESS_STATE_*, PROCESS_LOG_*, SUPERVISOR_STATE_CHANGE_*, TICK_* and
// PROCESS_GROUP_*, PROCESS_COMMUNICATION_* and REMOTE_COMMUNICATION events for the
// [eventlistener:x] pools (event_pools.h). Nothing here runs, and no timer is armed, when no
// listener is configured.
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

// A listener added, changed or removed after start-up (drover reload,
// supervisorctl add/remove/update): its pool follows, from then on.
void Supervisor::update_listener_pool(const ServiceRecord& service, bool present) {
  if (!events_) {
    return;  // Before start-up: start_events() adds every pool.
  }
  events_->remove_listener(service.spec.name);
  if (present && service.spec.event_listener.listener()) {
    events_->add_listener(service.spec);
    arm_ticks();  // The new pool may be the first to want ticks.
  }
}

void Supervisor::emit_event(const std::string& name, const std::string& payload) {
  if (events_ && !events_->empty()) {
    events_->emit(name, payload);
  }
}

// supervisord's payloads: processname, groupname, from_state, then tries for
// STARTING/BACKOFF, expected and pid for EXITED, pid for RUNNING, STOPPING
// and STOPPED (the pid of the process that just ended, for the last two).
std::string Supervisor::state_event_payload(const ServiceRecord& service, core::State state,
                                            core::State before) {
  const core::ServiceStatus& status = service.status;
  std::string pid = std::to_string(last_pid_[service.spec.name]);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"processname", service.spec.name},
      {"groupname", group_of(service.spec)},
      {"from_state", std::string(core::state_name(before))}};
  switch (state) {
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
  return core::render_fields(fields);
}

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
  // The last failed start goes STARTING -> FATAL in one step here; supervisord
  // backs off first and gives up from BACKOFF, and listeners see both.
  if (status.state == core::State::Fatal && before == core::State::Starting &&
      status.failed_attempts > service.spec.start_retries) {
    emit_event("PROCESS_STATE_BACKOFF",
               state_event_payload(service, core::State::Backoff, core::State::Starting));
    before = core::State::Backoff;
  }
  emit_event("PROCESS_STATE_" + std::string(core::state_name(status.state)),
             state_event_payload(service, status.state, before));
}

bool Supervisor::listener_output(ServiceRecord& service, runtime::InstanceId id,
                                 runtime::Stream stream, std::string_view bytes) {
  if (!events_ || events_->empty() || stream != runtime::Stream::Stdout ||
      !service.spec.event_listener.listener() || id != service.instance) {
    return false;
  }
  std::string rest = events_->listener_output(service.spec.name, bytes);
  if (!rest.empty()) {
    take_lines(service, stream, rest, false);
  }
  return true;
}

void Supervisor::log_output(ServiceRecord& service, runtime::Stream stream,
                            std::string_view bytes) {
  bool is_stdout = stream == runtime::Stream::Stdout;
  bool enabled = is_stdout ? service.spec.log.stdout_events : service.spec.log.stderr_events;
  if (enabled && !bytes.empty() && events_ && !events_->empty()) {
    std::string header = core::render_fields({{"processname", service.spec.name},
                                              {"groupname", group_of(service.spec)},
                                              {"pid", std::to_string(service.status.pid)},
                                              {"channel", is_stdout ? "stdout" : "stderr"}});
    events_->emit(is_stdout ? "PROCESS_LOG_STDOUT" : "PROCESS_LOG_STDERR",
                  header + "\n" + std::string(bytes));
  }
  take_lines(service, stream, bytes, false);
}

// supervisord's payload: "processname:X groupname:Y pid:N" then the message.
void Supervisor::capture_output(ServiceRecord& service, runtime::Stream stream,
                                std::string_view bytes) {
  bool is_stdout = stream == runtime::Stream::Stdout;
  if ((is_stdout ? service.spec.log.stdout_capture : service.spec.log.stderr_capture) == 0) {
    log_output(service, stream, bytes);
    return;
  }
  core::CaptureScanner& scanner = is_stdout ? service.stdout_capture : service.stderr_capture;
  for (const core::CaptureScanner::Piece& piece : scanner.feed(bytes)) {
    if (piece.kind == core::CaptureScanner::Piece::Kind::Output) {
      log_output(service, stream, piece.bytes);
      continue;
    }
    std::string header = core::render_fields({{"processname", service.spec.name},
                                              {"groupname", group_of(service.spec)},
                                              {"pid", std::to_string(service.status.pid)}});
    emit_event(is_stdout ? "PROCESS_COMMUNICATION_STDOUT" : "PROCESS_COMMUNICATION_STDERR",
               header + "\n" + piece.bytes);
  }
}

// The process is gone: a held-back tail that was not a token is output.
void Supervisor::finish_capture(ServiceRecord& service) {
  for (runtime::Stream stream : {runtime::Stream::Stdout, runtime::Stream::Stderr}) {
    bool is_stdout = stream == runtime::Stream::Stdout;
    std::string rest = (is_stdout ? service.stdout_capture : service.stderr_capture).finish();
    if (!rest.empty()) {
      log_output(service, stream, rest);
    }
  }
}

Result<void> Supervisor::send_stdin(const std::string& name, std::string bytes) {
  ServiceRecord* service = find(name);
  if (service == nullptr) {
    return make_error(Errc::NotFound, "no such process: " + name);
  }
  if (service->status.pid == 0 || service->status.state == core::State::Stopping) {
    return make_error(Errc::Conflict, name + " is not running");
  }
  Result<void> written =
      runtime_for(service->spec).write_stdin(service->instance, std::move(bytes));
  if (!written) {
    return make_error(Errc::Unavailable, written.error().message);
  }
  return {};
}

Result<void> Supervisor::send_remote_event(const std::string& type, const std::string& data) {
  emit_event("REMOTE_COMMUNICATION", "type:" + type + "\n" + data);
  return {};
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
