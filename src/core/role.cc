// Role mode: the same drover.yaml serves "everything in one container" and
// "one role per container" (decision 0011).
#include "core/role.h"

#include "base/did_you_mean.h"

#include <algorithm>
#include <set>

namespace drover::core {
namespace {

// Everything `name` depends on, transitively, that role mode starts: every
// oneshot, and longruns only `with_deps`. A dropped longrun's own
// dependencies are not followed.
std::set<std::string> kept_dependencies(const Model& model, const std::string& name,
                                        bool with_deps) {
  std::set<std::string> kept;
  std::vector<std::string> pending = {name};
  while (!pending.empty()) {
    const ServiceSpec* spec = model.find(pending.back());
    pending.pop_back();
    if (spec == nullptr) {
      continue;
    }
    for (const Dependency& dependency : spec->depends_on) {
      const ServiceSpec* target = model.find(dependency.name);
      if (target == nullptr || kept.count(dependency.name) > 0) {
        continue;
      }
      if (target->type == ServiceType::Oneshot || with_deps) {
        kept.insert(dependency.name);
        pending.push_back(dependency.name);
      }
    }
  }
  return kept;
}

std::vector<std::string> names_of(const Model& model) {
  std::vector<std::string> names;
  for (const ServiceSpec& spec : model.services) {
    names.push_back(spec.name);
  }
  return names;
}

}  // namespace

Result<Model> role_model(const Model& model, const std::string& name, const RoleOptions& options) {
  if (model.find(name) == nullptr) {
    std::string message = "no service named \"" + name + "\" in " + model.source_file;
    std::string hint = did_you_mean(name, names_of(model));
    return make_error(Errc::NotFound, message + hint);
  }
  std::set<std::string> kept = kept_dependencies(model, name, options.with_deps);
  kept.insert(name);
  Model role;
  role.source_file = model.source_file;
  role.settings = model.settings;
  role.settings.role = name;
  for (const ServiceSpec& spec : model.services) {
    if (kept.count(spec.name) == 0) {
      continue;
    }
    ServiceSpec copy = spec;
    std::erase_if(copy.depends_on,
                  [&](const Dependency& dependency) { return kept.count(dependency.name) == 0; });
    copy.autostart = true;
    if (spec.name == name) {
      copy.argv.insert(copy.argv.end(), options.extra_args.begin(), options.extra_args.end());
      copy.restart = RestartPolicy::Never;
      copy.start_retries = 0;  // An early exit is the role's result, not a failed start to retry.
      // A scheduled role runs once, now: its timetable belongs to whoever
      // starts the container (a Kubernetes CronJob, `drover export`).
      copy.schedule = ScheduleSpec{};
      copy.interactive = options.interactive;
    }
    role.services.push_back(std::move(copy));
  }
  return role;
}

std::vector<RoleInfo> list_roles(const Model& model) {
  std::vector<RoleInfo> roles;
  for (const ServiceSpec& spec : model.services) {
    RoleInfo info{spec.name, spec.type, {}};
    std::set<std::string> first = kept_dependencies(model, spec.name, false);
    for (const ServiceSpec& other : model.services) {  // Declaration order.
      if (first.count(other.name) > 0) {
        info.runs_first.push_back(other.name);
      }
    }
    roles.push_back(std::move(info));
  }
  return roles;
}

}  // namespace drover::core
