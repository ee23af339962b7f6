// The API's view of the supervisor: status snapshots and commands. Commands
// become events for core::step() like everything else; nothing here changes a
// status directly.
#include "base/did_you_mean.h"
#include "base/size.h"
#include "core/plan.h"
#include "log/diagnostics.h"
#include "runtime/process/cgroup_tree.h"
#include "runtime/remote/ssh_command.h"
#include "supervisor/supervisor.h"

#include <boost/asio/post.hpp>

#include <chrono>
#include <cstdio>

namespace drover::supervisor {
namespace {

// Steady-clock instants are converted to wall-clock seconds for display.
int64_t to_wall_seconds(core::TimePoint point) {
  if (point == core::TimePoint{}) {
    return 0;
  }
  auto age = std::chrono::steady_clock::now() - point;
  auto wall = std::chrono::system_clock::now() - age;
  return std::chrono::duration_cast<std::chrono::seconds>(wall.time_since_epoch()).count();
}

std::string format_uptime(int64_t seconds) {
  char buffer[48];
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (days > 0) {
    std::snprintf(buffer, sizeof buffer, "%lld days, %lld:%02lld:%02lld",
                  static_cast<long long>(days), static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", static_cast<long long>(rest / 3600),
                  static_cast<long long>(rest % 3600 / 60), static_cast<long long>(rest % 60));
  }
  return buffer;
}

core::CommandOutcome outcome(const ServiceRecord& service, bool ok, std::string message) {
  return core::CommandOutcome{service.spec.name, ok, std::move(message)};
}

// What status shows for an instance without a local pid.
std::string where_it_runs(const core::ServiceSpec& spec) {
  return spec.runtime == core::RuntimeKind::Container
             ? "container"
             : "on " + runtime::remote::describe_destination(spec.remote);
}

}  // namespace

core::ServiceView Supervisor::view(const ServiceRecord& service) const {
  const core::ServiceStatus& status = service.status;
  core::ServiceView view;
  view.name = service.spec.name;
  view.type = service.spec.type == core::ServiceType::Oneshot ? "oneshot" : "longrun";
  view.state = status.state;
  view.want = status.want == core::Want::Up || service.start_pending ? "up" : "down";
  view.pid = status.pid != 0 && service.health.main_pid != 0 ? service.health.main_pid : status.pid;
  view.started_at = to_wall_seconds(status.started_at);
  view.stopped_at = to_wall_seconds(status.stopped_at);
  view.restarts = status.restarts;
  view.last_exit = status.last_exit;
  // A container or remote process has no local pid: it is up from its start
  // until its exit.
  bool in_container = service.spec.runtime != core::RuntimeKind::Process &&
                      !core::is_at_rest(status.state) && !status.spawn_pending;
  std::string what =
      in_container ? where_it_runs(service.spec) : "pid " + std::to_string(status.pid);
  if (status.pid != 0 || in_container) {
    auto age = std::chrono::steady_clock::now() - status.started_at;
    view.uptime_seconds = std::chrono::duration_cast<std::chrono::seconds>(age).count();
  }
  if (service.start_pending) {
    view.description = service.waiting_reason;
  } else if (status.state == core::State::Running) {
    view.description = what + ", uptime " + format_uptime(view.uptime_seconds);
    if (!status.restart_reason.empty()) {
      view.description += "; restarted: " + status.restart_reason;
    }
  } else if (status.state == core::State::Starting && (status.pid != 0 || in_container)) {
    view.description = what;
  } else if (status.state == core::State::Stopped && status.reason.empty()) {
    view.description = "not started";
  } else {
    view.description = status.reason;
  }
  fill_usage_view(service, view);
  view.autostart = service.spec.autostart;
  view.required = service.spec.required;
  fill_health_view(service, view);
  if (service.spec.schedule.scheduled()) {
    fill_schedule_view(service, view);
  }
  view.group = service.spec.program_group.empty() ? service.spec.name : service.spec.program_group;
  if (status.state == core::State::Backoff || status.state == core::State::Fatal) {
    view.spawn_error = status.reason;
  }
  view.stdout_log_file = service.output->stdout_path();
  view.stderr_log_file = service.output->stderr_path();
  view.log_dropped_bytes = service.output->dropped_bytes();
  view.log_written_bytes = service.output->written_bytes();
  if (view.log_dropped_bytes > 0) {
    view.description += (view.description.empty() ? "" : "; ") +
                        std::to_string(view.log_dropped_bytes) + " bytes of log output dropped";
  }
  return view;
}

// Reports the delay measured at the previous call and starts the next
// measurement: a handler posted now runs after everything already queued.
api::Controller::LoopStats Supervisor::loop_stats() {
  LoopStats stats;
  stats.start_time_seconds = std::chrono::duration<double>(started_at_.time_since_epoch()).count();
  stats.event_loop_lag_seconds = *loop_lag_seconds_;
  boost::asio::post(io_, [lag = loop_lag_seconds_, posted = std::chrono::steady_clock::now()] {
    *lag = std::chrono::duration<double>(std::chrono::steady_clock::now() - posted).count();
  });
  return stats;
}

std::vector<core::ServiceView> Supervisor::services() const {
  std::vector<core::ServiceView> views;
  views.reserve(services_.size());
  for (const auto& service : services_) {
    views.push_back(view(*service));
  }
  return views;
}

Result<std::vector<ServiceRecord*>> Supervisor::resolve(
    const std::vector<std::string>& names) const {
  std::vector<ServiceRecord*> found;
  std::vector<std::string> known;
  for (const auto& service : services_) {
    known.push_back(service->spec.name);
  }
  for (const std::string& name : names) {
    if (name == "all") {
      found.clear();
      for (const auto& service : services_) {
        found.push_back(service.get());
      }
      return found;
    }
    ServiceRecord* service = find(name);
    if (service == nullptr) {
      std::string list;
      for (const std::string& each : known) {
        list += (list.empty() ? "" : ", ") + each;
      }
      return make_error(Errc::NotFound, "unknown service \"" + name + "\"" +
                                            did_you_mean(name, known) + " (known: " + list + ")");
    }
    found.push_back(service);
  }
  return found;
}

core::CommandOutcome Supervisor::start_one(ServiceRecord& service) {
  core::State state = service.status.state;
  if (state == core::State::Running || state == core::State::Starting) {
    return outcome(service, false, "already started");
  }
  request_start(service);
  if (service.start_pending) {
    return outcome(service, true, service.waiting_reason);
  }
  return outcome(service, true, "starting");
}

// Current memory and CPU from the service's cgroup, read only when a
// status is asked for (an idle drover reads nothing).
void Supervisor::fill_usage_view(const ServiceRecord& service, core::ServiceView& view) const {
  if (service.status.pid == 0 || service.spec.runtime != core::RuntimeKind::Process ||
      !runtime::wants_cgroup(service.spec.resources)) {
    return;
  }
  runtime::CgroupTree* tree = runtime::service_cgroups();
  if (tree == nullptr) {
    return;
  }
  view.memory_bytes = tree->memory_bytes(service.spec.name);
  view.cpu_micros = tree->cpu_micros(service.spec.name);
  if (view.memory_bytes && view.cpu_micros) {
    char cpu[32];
    std::snprintf(cpu, sizeof cpu, "%.2fs", static_cast<double>(*view.cpu_micros) / 1e6);
    view.description += (view.description.empty() ? "" : "; ") + std::string("memory ") +
                        format_size(*view.memory_bytes) + ", cpu " + cpu;
  }
}

core::CommandOutcome Supervisor::stop_one(ServiceRecord& service) {
  core::State state = service.status.state;
  size_t beside = stop_beside_runs(service);
  if (core::is_at_rest(state) && state != core::State::Backoff && !service.start_pending) {
    return beside == 0 ? outcome(service, false, "not running")
                       : outcome(service, true, "stopping its runs");
  }
  request_stop(service);
  return outcome(service, true,
                 service.status.state == core::State::Stopping ? "stopping" : "stopped");
}

core::CommandOutcome Supervisor::restart_one(ServiceRecord& service) {
  // Stop then start: if it is still stopping, the machine notes the wish and
  // spawns again as soon as the old process has gone.
  if (!core::is_at_rest(service.status.state) || service.status.state == core::State::Backoff) {
    dispatch(service, core::StopRequested{});
  }
  request_start(service);
  return outcome(service, true, service.start_pending ? service.waiting_reason : "restarting");
}

core::CommandOutcome Supervisor::signal_one(ServiceRecord& service, int signo) {
  if (service.status.pid == 0) {
    return outcome(service, false, "not running");
  }
  Result<void> sent =
      runtime_for(service.spec).signal(service.instance, signo, service.spec.stop_target);
  if (!sent) {
    return outcome(service, false, sent.error().message);
  }
  return outcome(service, true, "signalled");
}

Result<std::vector<core::CommandOutcome>> Supervisor::execute(const core::Command& command) {
  if (std::holds_alternative<core::ShutdownCommand>(command)) {
    log::info("", "shutdown requested through the API");
    begin_shutdown();
    return std::vector<core::CommandOutcome>{};
  }
  if (shutting_down_) {
    return make_error(Errc::Conflict, "drover is shutting down");
  }
  if (std::holds_alternative<core::ReloadCommand>(command)) {
    return reload();
  }
  const std::vector<std::string>* names = std::visit(
      [](const auto& c) -> const std::vector<std::string>* {
        if constexpr (requires { c.names; }) {
          return &c.names;
        } else {
          return nullptr;
        }
      },
      command);
  Result<std::vector<ServiceRecord*>> targets =
      resolve(names ? *names : std::vector<std::string>{});
  if (!targets) {
    return targets.error();
  }
  std::vector<core::CommandOutcome> outcomes;
  for (ServiceRecord* service : *targets) {
    if (std::holds_alternative<core::StartCommand>(command)) {
      outcomes.push_back(start_one(*service));
    } else if (std::holds_alternative<core::StopCommand>(command)) {
      outcomes.push_back(stop_one(*service));
    } else if (std::holds_alternative<core::RestartCommand>(command)) {
      outcomes.push_back(restart_one(*service));
    } else if (std::holds_alternative<core::TriggerCommand>(command)) {
      outcomes.push_back(trigger_one(*service));
    } else if (const auto* signal = std::get_if<core::SignalCommand>(&command)) {
      outcomes.push_back(signal_one(*service, signal->signo));
    }
  }
  return outcomes;
}

}  // namespace drover::supervisor
