// Reload: re-read the config and apply only the difference. Services whose
// spec is unchanged are not touched (their processes keep running); added
// ones start, removed ones stop and disappear, changed ones stop and start
// again with the new spec. An invalid new config changes nothing.
#include "core/plan.h"
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <boost/asio/post.hpp>

#include <algorithm>

namespace drover::supervisor {

Result<std::vector<core::CommandOutcome>> Supervisor::reload() {
  Result<core::Model> fresh = loader_();
  if (!fresh) {
    return fresh.error();
  }
  if (fresh->settings.control != settings_.control) {
    log::warn("", "the control socket changed; it takes effect at the next start of drover");
  }
  reread_model_.reset();  // A full reload supersedes a pending reread.
  configured_ = fresh->services;
  settings_.shutdown_timeout = fresh->settings.shutdown_timeout;
  settings_.log_dir = fresh->settings.log_dir;
  ReloadChanges changes = merge_services(fresh->services);
  rebuild_graph();
  for (ServiceRecord* service : changes.to_settle) {
    settle_reload(*service);
  }
  for (ServiceRecord* service : changes.added) {
    if (service->spec.schedule.scheduled()) {
      arm_schedule(*service);
    } else if (service->spec.autostart) {
      request_start(*service);
    }
  }
  log::info("", "reloaded: " + std::to_string(changes.outcomes.size()) + " service(s) changed");
  return std::move(changes.outcomes);
}

// Puts services_ in the new declaration order (removed ones last), creating
// records for added services and noting which existing ones must change.
Supervisor::ReloadChanges Supervisor::merge_services(const std::vector<core::ServiceSpec>& specs) {
  ReloadChanges changes;
  std::unordered_map<std::string, const core::ServiceSpec*> wanted;
  for (const core::ServiceSpec& spec : specs) {
    wanted[spec.name] = &spec;
  }
  std::unordered_map<std::string, std::unique_ptr<ServiceRecord>> old;
  for (auto& service : services_) {
    if (wanted.count(service->spec.name) == 0 && !service->removing) {
      service->removing = true;
      changes.outcomes.push_back({service->spec.name, true, "removed"});
      changes.to_settle.push_back(service.get());
    }
    std::string name = service->spec.name;
    old[name] = std::move(service);
  }
  services_.clear();
  for (const core::ServiceSpec& spec : specs) {
    auto existing = old.find(spec.name);
    if (existing == old.end()) {
      services_.push_back(std::make_unique<ServiceRecord>(io_, spec, settings_, next_color_++));
      by_name_[spec.name] = services_.back().get();
      follow_files(*services_.back());
      changes.added.push_back(services_.back().get());
      changes.outcomes.push_back({spec.name, true, "added"});
      continue;
    }
    ServiceRecord& service = *existing->second;
    if (service.spec != spec) {
      service.replacement = spec;
      service.start_after_replacement =
          service.status.want == core::Want::Up || service.start_pending;
      changes.to_settle.push_back(&service);
      changes.outcomes.push_back({spec.name, true, "changed"});
    }
    services_.push_back(std::move(existing->second));
    old.erase(existing);
  }
  for (auto& [name, service] : old) {
    services_.push_back(std::move(service));
  }
  return changes;
}

// Moves a removed or changed service towards its new form: stop it first if
// it has a process, then erase it or swap in its new spec.
void Supervisor::settle_reload(ServiceRecord& service) {
  core::State state = service.status.state;
  if (!core::is_at_rest(state) || state == core::State::Backoff) {
    if (state != core::State::Stopping) {
      request_stop(service);
    }
    return;
  }
  if (service.removing) {
    std::string name = service.spec.name;
    // Erase after the current event has been handled: callers still hold
    // references to this record.
    boost::asio::post(io_, [this, name] { erase_service(name); });
    return;
  }
  if (service.replacement) {
    service.spec = std::move(*service.replacement);
    service.replacement.reset();
    service.output = std::make_unique<ServiceOutput>(service.spec, settings_);
    // At rest, so no partial line is held.
    service.stdout_lines = log::LineSplitter(service.spec.log.max_line);
    service.stderr_lines = log::LineSplitter(service.spec.log.max_line);
    service.stdout_capture = core::CaptureScanner(service.spec.log.stdout_capture);
    service.stderr_capture = core::CaptureScanner(service.spec.log.stderr_capture);
    follow_files(service);
    update_listener_pool(service, true);
    rebuild_graph();
    arm_schedule(service);  // Re-arms a changed schedule; cancels one that was removed.
    if (service.start_after_replacement && !service.spec.schedule.scheduled()) {
      request_start(service);
    }
  }
}

void Supervisor::erase_service(const std::string& name) {
  ServiceRecord* service = find(name);
  if (service == nullptr || !service->removing) {
    return;
  }
  update_listener_pool(*service, false);
  instance_owner_.erase(service->instance);
  instance_owner_.erase(service->previous_instance);
  by_name_.erase(name);
  services_.erase(std::remove_if(services_.begin(), services_.end(),
                                 [&](const auto& each) { return each.get() == service; }),
                  services_.end());
  rebuild_graph();
}

}  // namespace drover::supervisor
