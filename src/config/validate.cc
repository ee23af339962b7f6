// Cross-service checks. They run on core::ServiceSpec values rather than on a
// parse tree, so the supervisord INI reader can share them unchanged.
#include "config/validate.h"

#include "base/did_you_mean.h"
#include "core/graph.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace drover::config {
namespace {

bool is_valid_service_name(const std::string& name) {
  auto ok = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  };
  return !name.empty() && std::isalnum(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), ok);
}

void check_name(const core::ServiceSpec& spec, const ServiceLocations& where, Errors& errors) {
  std::string field = "services." + spec.name;
  if (!is_valid_service_name(spec.name)) {
    errors.push_back(config_error(where.name_at, field,
                                  "invalid service name; use letters, digits, \"_\", \".\" and "
                                  "\"-\", starting with a letter or digit"));
  } else if (spec.name == "all") {
    errors.push_back(config_error(where.name_at, field,
                                  "\"all\" is reserved (\"drover stop all\" means every service); "
                                  "choose another name"));
  }
}

void check_dependencies(const core::ServiceSpec& spec, const ServiceLocations& where,
                        const std::vector<std::string>& names, Errors& errors) {
  std::string field = "services." + spec.name + ".depends_on";
  std::set<std::string> seen;
  std::vector<std::string> others = names;  // Suggesting the service itself would not help.
  std::erase(others, spec.name);
  for (size_t i = 0; i < spec.depends_on.size(); ++i) {
    const std::string& name = spec.depends_on[i].name;
    const SourceLocation& at = where.dependency_at[i];
    if (name == spec.name) {
      errors.push_back(config_error(at, field, "a service cannot depend on itself"));
    } else if (std::find(names.begin(), names.end(), name) == names.end()) {
      errors.push_back(
          config_error(at, field, "unknown service \"" + name + "\"" + did_you_mean(name, others)));
    } else if (!seen.insert(name).second) {
      errors.push_back(config_error(at, field, "\"" + name + "\" is listed twice"));
    }
  }
}

// Self-dependencies are already reported on their own, so they are left out
// here rather than reported a second time as a one-service cycle.
void check_cycle(const std::vector<core::ServiceSpec>& services,
                 const std::vector<ServiceLocations>& where, Errors& errors) {
  std::vector<core::ServiceSpec> graph = services;
  for (core::ServiceSpec& spec : graph) {
    std::erase_if(spec.depends_on,
                  [&spec](const core::Dependency& dep) { return dep.name == spec.name; });
  }
  std::optional<std::vector<std::string>> cycle = core::find_cycle(graph);
  if (!cycle || cycle->size() < 2) {
    return;
  }
  for (size_t i = 0; i < services.size(); ++i) {
    const core::ServiceSpec& spec = services[i];
    for (size_t d = 0; d < spec.depends_on.size() && spec.name == (*cycle)[0]; ++d) {
      if (spec.depends_on[d].name == (*cycle)[1]) {
        errors.push_back(config_error(where[i].dependency_at[d],
                                      "services." + spec.name + ".depends_on",
                                      "dependency cycle: " + core::format_cycle(*cycle)));
        return;
      }
    }
  }
}

}  // namespace

void validate_services(const std::vector<core::ServiceSpec>& services,
                       const std::vector<ServiceLocations>& where, Errors& errors) {
  std::vector<std::string> names;
  for (const core::ServiceSpec& spec : services) {
    names.push_back(spec.name);
  }
  for (size_t i = 0; i < services.size(); ++i) {
    check_name(services[i], where[i], errors);
    check_dependencies(services[i], where[i], names, errors);
  }
  check_cycle(services, where, errors);
}

}  // namespace drover::config
