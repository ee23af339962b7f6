// supervisord's two-step reload for supervisorctl reread / update / add /
// remove: reread loads and keeps the config, add and remove apply it one
// process group at a time. drover's own reload (reload.cc) does it in one step.
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <algorithm>
#include <map>

namespace drover::supervisor {
namespace {

std::string group_of(const core::ServiceSpec& spec) {
  return spec.program_group.empty() ? spec.name : spec.program_group;
}

using Groups = std::map<std::string, std::vector<const core::ServiceSpec*>>;

bool same_group(const std::vector<const core::ServiceSpec*>& a,
                const std::vector<const core::ServiceSpec*>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto* x, const auto* y) { return *x == *y; });
}

// Group names in the order their first service is declared.
std::vector<std::string> ordered(const std::vector<const core::ServiceSpec*>& specs) {
  std::vector<std::string> names;
  for (const core::ServiceSpec* spec : specs) {
    if (std::find(names.begin(), names.end(), group_of(*spec)) == names.end()) {
      names.push_back(group_of(*spec));
    }
  }
  return names;
}

}  // namespace

std::optional<core::ServiceView> Supervisor::service(const std::string& name) const {
  const ServiceRecord* record = find(name);
  if (record == nullptr) {
    return std::nullopt;
  }
  return view(*record);
}

std::vector<api::ConfiguredService> Supervisor::configured_services() const {
  std::vector<api::ConfiguredService> out;
  if (!reread_model_) {
    for (const auto& service : services_) {
      if (!service->removing) {
        out.push_back({service->spec, true});
      }
    }
    return out;
  }
  for (const core::ServiceSpec& spec : reread_model_->services) {
    const ServiceRecord* current = find(spec.name);
    out.push_back({spec, current != nullptr && !current->removing});
  }
  return out;
}

Result<api::ConfigChanges> Supervisor::reread_config() {
  Result<core::Model> fresh = loader_();
  if (!fresh) {
    return fresh.error();
  }
  Groups old_groups;
  Groups new_groups;
  std::vector<const core::ServiceSpec*> old_specs;
  std::vector<const core::ServiceSpec*> new_specs;
  for (const auto& service : services_) {
    if (!service->removing) {
      old_groups[group_of(service->spec)].push_back(&service->spec);
      old_specs.push_back(&service->spec);
    }
  }
  for (const core::ServiceSpec& spec : fresh->services) {
    new_groups[group_of(spec)].push_back(&spec);
    new_specs.push_back(&spec);
  }
  api::ConfigChanges changes;
  for (const std::string& group : ordered(new_specs)) {
    auto old = old_groups.find(group);
    if (old == old_groups.end()) {
      changes.added.push_back(group);
    } else if (!same_group(old->second, new_groups[group])) {
      changes.changed.push_back(group);
    }
  }
  for (const std::string& group : ordered(old_specs)) {
    if (new_groups.count(group) == 0) {
      changes.removed.push_back(group);
    }
  }
  reread_model_ = std::move(*fresh);
  return changes;
}

Result<void> Supervisor::add_group(const std::string& group) {
  if (shutting_down_) {
    return make_error(Errc::Conflict, "drover is shutting down");
  }
  std::vector<core::ServiceSpec> specs;
  // As supervisord: the last reread's config, else the one loaded last.
  for (const core::ServiceSpec& spec : reread_model_ ? reread_model_->services : configured_) {
    if (group_of(spec) == group) {
      specs.push_back(spec);
    }
  }
  for (const auto& service : services_) {
    if (!service->removing && group_of(service->spec) == group) {
      return make_error(Errc::Conflict, "process group \"" + group + "\" is already active");
    }
  }
  if (specs.empty()) {
    return make_error(Errc::NotFound, "no process group \"" + group + "\" in the config");
  }
  std::vector<std::string> names;
  for (core::ServiceSpec& spec : specs) {
    names.push_back(spec.name);
    add_service(std::move(spec));
  }
  rebuild_graph();
  for (const std::string& name : names) {
    ServiceRecord* service = find(name);
    if (service != nullptr && service->spec.schedule.scheduled()) {
      arm_schedule(*service);  // Runs when due, not now.
    } else if (service != nullptr && service->spec.autostart) {
      request_start(*service);
    }
  }
  log::info("", "added process group " + group);
  emit_event("PROCESS_GROUP_ADDED", "groupname:" + group + "\n");
  return {};
}

Result<void> Supervisor::remove_group(const std::string& group) {
  std::vector<std::string> names;
  for (const auto& service : services_) {
    if (service->removing || group_of(service->spec) != group) {
      continue;
    }
    core::State state = service->status.state;
    bool stopped = state == core::State::Stopped || state == core::State::Exited ||
                   state == core::State::Fatal;
    if (!stopped || service->start_pending) {
      return make_error(Errc::Conflict, "process group \"" + group + "\" is still running");
    }
    names.push_back(service->spec.name);
  }
  if (names.empty()) {
    return make_error(Errc::NotFound, "no active process group \"" + group + "\"");
  }
  for (const std::string& name : names) {
    find(name)->removing = true;
    erase_service(name);
  }
  log::info("", "removed process group " + group);
  emit_event("PROCESS_GROUP_REMOVED", "groupname:" + group + "\n");
  return {};
}

}  // namespace drover::supervisor
