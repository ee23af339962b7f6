// Readiness: a service with `ready:` stays STARTING until it says it is
// ready. The s6 fd style arrives from the runtime (on_ready); both styles end
// in the same ReadyNotified event for the service machine.
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <unistd.h>

namespace drover::supervisor {

void Supervisor::on_ready(runtime::InstanceId id) {
  ServiceRecord* service = find_instance(id);
  if (service != nullptr && service->instance == id) {
    mark_ready(*service, "wrote a newline on fd " + std::to_string(service->spec.ready.fd));
  }
}

void Supervisor::mark_ready(ServiceRecord& service, const std::string& how) {
  log::say(log::Level::Debug, service.spec.name, "ready: " + how);
  dispatch(service, core::ReadyNotified{});
}

}  // namespace drover::supervisor

namespace drover::supervisor {

// A socket per instance: a message can only be for the instance whose
// environment named it, so no pid matching (SO_PASSCRED) is needed, and
// systemd-notify run from a shell script (a child of the service, gone by the
// time the datagram is read) works like the service itself.
core::ServiceSpec Supervisor::with_notify_socket(ServiceRecord& service) {
  core::ServiceSpec spec = service.spec;
  std::string name =
      "drover/" + std::to_string(::getpid()) + "/" + std::to_string(service.instance);
  service.health.main_pid = 0;
  service.health.notify = std::make_unique<health::NotifySocket>(
      io_, name,
      [this, service_name = spec.name, instance = service.instance](std::string_view key,
                                                                    std::string_view value) {
        on_notify(service_name, instance, key, value);
      });
  if (!service.health.notify->ok()) {
    log::warn(spec.name, "unable to create the notify socket; it can never become ready");
    return spec;
  }
  spec.env.emplace_back("NOTIFY_SOCKET", service.health.notify->address());
  if (spec.ready.watchdog.count() > 0) {
    spec.env.emplace_back("WATCHDOG_USEC", std::to_string(spec.ready.watchdog.count() * 1000));
    arm_watchdog(service);
  }
  return spec;
}

void Supervisor::on_notify(const std::string& name, runtime::InstanceId instance,
                           std::string_view key, std::string_view value) {
  ServiceRecord* service = find(name);
  if (service == nullptr || service->instance != instance) {
    return;
  }
  if (key == "READY" && value == "1") {
    mark_ready(*service, "READY=1");
  } else if (key == "STATUS") {
    service->health.ready_status = std::string(value.substr(0, 256));
  } else if (key == "WATCHDOG" && value == "1" && service->spec.ready.watchdog.count() > 0) {
    arm_watchdog(*service);
  } else if (key == "MAINPID") {
    adopt_main_pid(*service, value);
  }
}

// MAINPID=: the announced process becomes the one drover supervises (its
// exit ends the service, signals go to it), if the runtime agrees that the
// service started it.
void Supervisor::adopt_main_pid(ServiceRecord& service, std::string_view value) {
  int pid = 0;
  for (char c : value.substr(0, 10)) {
    if (c < '0' || c > '9') {
      pid = 0;
      break;
    }
    pid = pid * 10 + (c - '0');
  }
  if (pid <= 0) {
    log::warn(service.spec.name,
              "ignoring MAINPID=" + std::string(value.substr(0, 16)) + ": not a process id");
    return;
  }
  Result<void> adopted = runtime_for(service.spec).set_main_pid(service.instance, pid);
  if (!adopted) {
    log::warn(service.spec.name, "ignoring " + adopted.error().message);
    return;
  }
  service.health.main_pid = pid;
  log::info(service.spec.name, "main process is now pid " + std::to_string(pid) + " (MAINPID=)");
}

void Supervisor::arm_watchdog(ServiceRecord& service) {
  service.health.watchdog.expires_after(service.spec.ready.watchdog);
  service.health.watchdog.async_wait(
      [this, name = service.spec.name, instance = service.instance](boost::system::error_code ec) {
        ServiceRecord* current = find(name);
        if (ec || current == nullptr || current->instance != instance || current->status.pid == 0) {
          return;
        }
        std::string why = "watchdog: no WATCHDOG=1 within " +
                          std::to_string(current->spec.ready.watchdog.count()) + "ms";
        log::warn(name, why);
        dispatch(*current, core::FailureDetected{why});
      });
}

}  // namespace drover::supervisor
