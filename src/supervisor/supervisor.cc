// The event loop's core: every input becomes a core::Event for one service,
// core::step() decides, and perform() carries out the actions. Nothing else
// changes a service's state, and nothing here blocks: an idle drover sleeps in
// epoll_wait until a signal, a pipe, a socket or a due timer wakes it.
#include "supervisor/supervisor.h"

#include "core/service_machine.h"
#include "log/diagnostics.h"
#include "runtime/process/cgroup_tree.h"
#include "runtime/process/resource_limits.h"
#include "supervisor/pid1.h"

#include <filesystem>
#include <signal.h>
#include <unistd.h>

namespace drover::supervisor {

namespace asio = boost::asio;

namespace {

core::TimePoint now() { return std::chrono::steady_clock::now(); }

// DOCKER_HOST from the environment drover was given (the one services see).
std::string_view docker_host(char* const* environment) {
  constexpr std::string_view kPrefix = "DOCKER_HOST=";
  for (char* const* entry = environment; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    if (text.substr(0, kPrefix.size()) == kPrefix) {
      return text.substr(kPrefix.size());
    }
  }
  return {};
}

// The project containers are named and labelled after: the config file's
// directory, as docker compose does ("/srv/shop/drover.yaml" -> "shop").
std::string project_name(const std::string& config_file) {
  std::filesystem::path dir = std::filesystem::absolute(config_file).parent_path();
  std::string name = dir.filename().string();
  return name.empty() ? "drover" : name;
}

}  // namespace

Supervisor::Supervisor(asio::io_context& io, core::Model model, ConfigLoader loader,
                       char* const* environment)
    : io_(io),
      settings_(model.settings),
      loader_(std::move(loader)),
      process_runtime_(std::make_unique<runtime::ProcessRuntime>(io, *this, environment)),
      container_runtime_(std::make_unique<runtime::ContainerRuntime>(
          io, *this, docker_host(environment), project_name(model.source_file))),
      remote_runtime_(std::make_unique<runtime::RemoteRuntime>(io, *this, environment,
                                                               project_name(model.source_file))),
      console_(1, log::ConsoleOptions{log::wants_color(1), model.settings.log_format,
                                      model.settings.log_timestamps}),
      signals_(io),
      shutdown_timer_(io) {
  configured_ = model.services;
  for (core::ServiceSpec& spec : model.services) {
    add_service(std::move(spec));
  }
  rebuild_graph();
}

Supervisor::~Supervisor() = default;

void Supervisor::add_service(core::ServiceSpec spec) {
  std::string name = spec.name;
  services_.push_back(
      std::make_unique<ServiceRecord>(io_, std::move(spec), settings_, next_color_++));
  by_name_[name] = services_.back().get();
  follow_files(*services_.back());
  update_listener_pool(*services_.back(), true);
}

void Supervisor::rebuild_graph() {
  std::vector<core::ServiceSpec> specs;
  size_t width = 0;
  for (const auto& service : services_) {
    if (!service->removing) {
      specs.push_back(service->spec);
    }
    width = std::max(width, service->spec.name.size());
  }
  dependants_ = core::dependants_of(specs);
  console_.set_name_width(width);
}

void Supervisor::start() {
  if (!log::set_log_file(settings_.daemon.log_file)) {
    log::warn("", "cannot open the log file " + settings_.daemon.log_file);
  }
  if (!become_subreaper()) {
    log::warn("", "cannot become child subreaper; orphans will be reaped by the host's init");
  }
  for (int signo : {SIGCHLD, SIGTERM, SIGINT, SIGHUP}) {
    signals_.add(signo);
  }
  watch_signals();
  warn_unenforced_resources();
  start_events();
  std::vector<std::string> containers;
  for (const auto& service : services_) {
    if (service->spec.runtime == core::RuntimeKind::Container) {
      containers.push_back(service->spec.name);
    }
  }
  container_runtime_->remove_unconfigured(std::move(containers));
  for (const auto& service : services_) {
    // A scheduled service waits for its due time (schedules.cc).
    if (service->spec.schedule.scheduled()) {
      arm_schedule(*service);
    } else if (service->spec.autostart) {
      service->start_pending = true;
    }
  }
  // Declaration order; dependants that are not ready wait and are released
  // by their dependencies' state changes.
  for (const auto& service : services_) {
    if (service->start_pending) {
      try_start(*service);
    }
  }
}

// Said once at start, per service: a limit that looks set but is not
// enforced is worse than none.
void Supervisor::warn_unenforced_resources() {
  for (const auto& service : services_) {
    std::string user = service->spec.user;
    bool as_root = user.empty() ? ::geteuid() == 0 : (user == "root" || user == "0");
    std::vector<std::string> missing =
        runtime::unenforced_resources(service->spec.resources, as_root);
    std::string list;
    for (const std::string& item : missing) {
      list += (list.empty() ? "" : ", ") + item;
    }
    if (!list.empty()) {
      log::warn(service->spec.name, "resources not enforced: " + list + " (no usable cgroups: " +
                                        runtime::cgroups_unavailable_reason() +
                                        "; see docs/config.md#resources)");
    }
  }
}

void Supervisor::watch_signals() {
  signals_.async_wait([this](boost::system::error_code ec, int signo) {
    if (ec) {
      return;
    }
    on_signal(signo);
    watch_signals();
  });
}

void Supervisor::on_signal(int signo) {
  switch (signo) {
    case SIGCHLD:
      reap_children([this](pid_t pid, int status) {
        if (!process_runtime_->child_exited(pid, status) &&
            !remote_runtime_->child_exited(pid, status)) {
          log::say(log::Level::Debug, "", "reaped orphan " + std::to_string(pid));
        }
      });
      return;
    case SIGHUP: {
      log::info("", "SIGHUP: reloading the configuration");
      auto result = reload();
      if (!result) {
        log::error("", "reload failed; nothing changed:\n" + result.error().message);
      }
      return;
    }
    default:
      if (shutting_down_) {
        log::warn("", "second stop signal: killing everything now");
        kill_everything();
        finish();
        return;
      }
      log::info("", std::string("received SIG") + (signo == SIGINT ? "INT" : "TERM") +
                        ": stopping every service");
      begin_shutdown();
      return;
  }
}

void Supervisor::dispatch(ServiceRecord& service, core::EventBody body) {
  core::Transition t =
      core::step(service.spec, service.status, core::Event{std::move(body), now()});
  core::State before = service.status.state;
  service.status = std::move(t.status);
  for (const core::Action& action : t.actions) {
    perform(service, action);
  }
  health_after_step(service);
  if (service.status.state != before) {
    emit_state_event(service, before);
    state_changed(service, before);
  }
}

void Supervisor::perform(ServiceRecord& service, const core::Action& action) {
  if (std::holds_alternative<core::Spawn>(action)) {
    if (service.previous_instance != 0) {
      instance_owner_.erase(service.previous_instance);
    }
    service.previous_instance = service.instance;
    service.instance = ++next_instance_;
    instance_owner_[service.instance] = service.spec.name;
    if (service.spec.ready.kind == core::ReadinessKind::Notify) {
      runtime_for(service.spec).start(service.instance, with_notify_socket(service));
    } else {
      runtime_for(service.spec).start(service.instance, service.spec);
    }
  } else if (const auto* sig = std::get_if<core::SendSignal>(&action)) {
    Result<void> sent = runtime_for(service.spec).signal(service.instance, sig->signo, sig->target);
    if (!sent) {
      log::say(log::Level::Debug, service.spec.name, "unable to signal: " + sent.error().message);
    }
  } else if (const auto* arm = std::get_if<core::ArmTimer>(&action)) {
    service.timers.arm(arm->kind, arm->after, [this, name = service.spec.name, kind = arm->kind] {
      fire_timer(name, kind);
    });
  } else if (const auto* cancel = std::get_if<core::CancelTimer>(&action)) {
    service.timers.cancel(cancel->kind);
  }
}

void Supervisor::fire_timer(const std::string& name, core::TimerKind kind) {
  ServiceRecord* service = find(name);
  if (service == nullptr) {
    return;
  }
  switch (kind) {
    case core::TimerKind::StartPeriod:
      dispatch(*service, core::StartPeriodElapsed{});
      return;
    case core::TimerKind::StopTimeout:
      log::warn(name, "did not stop within " + std::to_string(service->spec.stop_timeout.count()) +
                          "ms; sending SIGKILL to its process group");
      dispatch(*service, core::StopTimeoutElapsed{});
      return;
    case core::TimerKind::Backoff:
    case core::TimerKind::kCount:
      dispatch(*service, core::BackoffElapsed{});
      return;
  }
}

ServiceRecord* Supervisor::find(const std::string& name) const {
  auto found = by_name_.find(name);
  return found == by_name_.end() ? nullptr : found->second;
}

ServiceRecord* Supervisor::find_instance(runtime::InstanceId id) const {
  auto owner = instance_owner_.find(id);
  return owner == instance_owner_.end() ? nullptr : find(owner->second);
}

runtime::Runtime& Supervisor::runtime_for(const core::ServiceSpec& spec) {
  switch (spec.runtime) {
    case core::RuntimeKind::Container:
      return *container_runtime_;
    case core::RuntimeKind::Remote:
      return *remote_runtime_;
    case core::RuntimeKind::Process:
      break;
  }
  return *process_runtime_;
}

void Supervisor::kill_everything() {
  process_runtime_->kill_all();
  container_runtime_->kill_all();
  remote_runtime_->kill_all();
}

void Supervisor::on_spawned(runtime::InstanceId id, int pid) {
  ServiceRecord* service = find_instance(id);
  if (service != nullptr && service->instance == id) {
    dispatch(*service, core::SpawnSucceeded{pid});
  }
}

void Supervisor::on_lost(runtime::InstanceId id, std::string reason) {
  ServiceRecord* service = find_instance(id);
  if (service != nullptr && service->instance == id) {
    dispatch(*service, core::ConnectionLost{std::move(reason)});
  }
}

void Supervisor::on_regained(runtime::InstanceId id) {
  ServiceRecord* service = find_instance(id);
  if (service != nullptr && service->instance == id) {
    log::info(service->spec.name, "found running again after the connection was restored");
    dispatch(*service, core::ConnectionRestored{});
  }
}

void Supervisor::on_spawn_failed(runtime::InstanceId id, Error error) {
  ServiceRecord* service = find_instance(id);
  if (service != nullptr && beside_run(*service, id) != nullptr) {
    log::warn(service->spec.name, "unable to spawn a run beside: " + error.message);
    finish_beside_run(*service, id, std::nullopt, error.message);
    return;
  }
  if (service != nullptr && service->instance == id) {
    log::warn(service->spec.name, "unable to spawn: " + error.message);
    dispatch(*service, core::SpawnFailed{error.message});
  }
}

void Supervisor::on_output(runtime::InstanceId id, runtime::Stream stream, std::string_view bytes) {
  ServiceRecord* service = find_instance(id);
  if (service == nullptr || listener_output(*service, id, stream, bytes)) {
    return;
  }
  if (id == service->instance) {
    capture_output(*service, stream, bytes);
  } else {
    beside_output(*service, id, stream, bytes);  // A run beside, or a helper left behind.
  }
}

void Supervisor::on_exited(runtime::InstanceId id, core::ExitStatus status) {
  ServiceRecord* service = find_instance(id);
  if (service == nullptr) {
    return;
  }
  if (beside_run(*service, id) != nullptr) {
    finish_beside_run(*service, id, status, "");
    return;
  }
  if (service->instance == id) {
    finish_capture(*service);
  }
  // A last line without its newline is still a line once the process is gone.
  take_lines(*service, runtime::Stream::Stdout, {}, true);
  take_lines(*service, runtime::Stream::Stderr, {}, true);
  if (service->instance == id) {
    dispatch(*service, core::ProcessExited{status});
  }
}

}  // namespace drover::supervisor
