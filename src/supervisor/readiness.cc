// Readiness: a service with `ready:` stays STARTING until it says it is
// ready. The s6 fd style arrives from the runtime (on_ready); both styles end
// in the same ReadyNotified event for the service machine.
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

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
