// supervisord.conf -> core::Model. The sections are read in three passes:
// the daemon-wide sections first (programs need childlogdir and the global
// environment), then [group:x] (a program's %(group_name)s depends on it),
// then every [program:x]. Priority order, names and dependencies are settled
// on the finished services.
#include "config/ini_reader.h"

#include "base/did_you_mean.h"
#include "config/ini_program.h"
#include "config/ini_settings.h"
#include "config/ini_values.h"
#include "config/validate.h"

#include <climits>

#include <algorithm>
#include <map>
#include <sys/utsname.h>

namespace drover::config {
namespace {

struct Group {
  std::string name;
  int priority = 999;
  std::vector<std::pair<std::string, SourceLocation>> programs;
};

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.rfind(prefix, 0) == 0;
}

std::string node_name() {
  struct utsname names {};
  return ::uname(&names) == 0 ? names.nodename : "localhost";
}

std::vector<Group> read_groups(const IniDocument& doc, const Environment& env, Errors& errors,
                               Errors& warnings) {
  std::vector<Group> groups;
  for (const IniSection& section : doc.sections) {
    if (!starts_with(section.name, "group:")) {
      continue;
    }
    IniSectionReader r(section, base_ini_expansions(env, section.here), errors, warnings);
    r.warn_unknown({"programs", "priority"});
    Group group{section.name.substr(6), 999, {}};
    group.priority = static_cast<int>(r.integer("priority", INT_MIN, INT_MAX).value_or(999));
    const IniEntry* entry = r.entry("programs");
    std::optional<std::string> programs = r.text("programs");
    if (entry == nullptr) {
      r.error("", "group section " + section.name + " does not specify programs");
    }
    for (const auto& [name, offset] : split_ini_list(programs.value_or(""))) {
      SourceLocation at = entry->at;
      at.column += entry->value.find('\n') == std::string::npos ? static_cast<int>(offset) : 0;
      group.programs.emplace_back(name, at);
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

void warn_other_sections(const IniDocument& doc, Errors& warnings) {
  static const std::vector<std::string> kKnown = {"supervisord", "unix_http_server",
                                                  "inet_http_server", "supervisorctl", "include"};
  for (const IniSection& section : doc.sections) {
    const std::string& name = section.name;
    std::string message;
    if (starts_with(name, "fcgi-program:")) {
      message = "[" + name.substr(0, name.find(':')) + ":x] is not supported yet; section ignored";
    } else if (std::find(kKnown.begin(), kKnown.end(), name) != kKnown.end() ||
               starts_with(name, "program:") || starts_with(name, "group:") ||
               starts_with(name, "eventlistener:") || starts_with(name, "rpcinterface:") ||
               starts_with(name, "ctlplugin:")) {
      continue;
    } else {
      message = "unknown section, ignored" + did_you_mean(name, kKnown);
    }
    warnings.push_back(config_error(section.at, "[" + name + "]", message));
  }
}

struct Assembled {
  std::vector<core::ServiceSpec> specs;
  std::vector<ServiceLocations> where;
  std::map<std::string, std::vector<std::string>> processes_of;  // Program -> process names.
};

// Programs named by a [group:x] belong to it; the others are a group of
// their own. Returns group name and priority per program.
std::map<std::string, std::pair<std::string, int>> group_of(const std::vector<Group>& groups,
                                                            const IniDocument& doc,
                                                            Errors& errors) {
  std::map<std::string, std::pair<std::string, int>> owner;
  for (const Group& group : groups) {
    for (const auto& [program, at] : group.programs) {
      if (doc.find("program:" + program) == nullptr) {
        errors.push_back(config_error(at, "[group:" + group.name + "] programs",
                                      "no [program:" + program + "] section"));
      }
      owner[program] = {group.name, group.priority};
    }
  }
  return owner;
}

void order_by_priority(Assembled& all, const std::vector<int>& group_priority) {
  std::vector<size_t> order(all.specs.size());
  for (size_t i = 0; i < order.size(); ++i) {
    order[i] = i;
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return std::pair(group_priority[a], all.specs[a].priority) <
           std::pair(group_priority[b], all.specs[b].priority);
  });
  Assembled sorted;
  for (size_t i : order) {
    sorted.specs.push_back(std::move(all.specs[i]));
    sorted.where.push_back(std::move(all.where[i]));
  }
  all.specs = std::move(sorted.specs);
  all.where = std::move(sorted.where);
}

// depends_on names programs; a program of numprocs processes stands for
// every one of them.
void resolve_dependencies(Assembled& all) {
  for (size_t i = 0; i < all.specs.size(); ++i) {
    std::vector<core::Dependency> deps;
    std::vector<SourceLocation> at;
    for (size_t d = 0; d < all.specs[i].depends_on.size(); ++d) {
      const core::Dependency& dep = all.specs[i].depends_on[d];
      auto program = all.processes_of.find(dep.name);
      bool is_process = std::any_of(all.specs.begin(), all.specs.end(),
                                    [&dep](const auto& s) { return s.name == dep.name; });
      if (program != all.processes_of.end() && !is_process) {
        for (const std::string& process : program->second) {
          deps.push_back(core::Dependency{process, dep.condition});
          at.push_back(all.where[i].dependency_at[d]);
        }
      } else {
        deps.push_back(dep);
        at.push_back(all.where[i].dependency_at[d]);
      }
    }
    all.specs[i].depends_on = std::move(deps);
    all.where[i].dependency_at = std::move(at);
  }
}

void check_unique_names(const Assembled& all, Errors& errors) {
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < all.specs.size(); ++i) {
    auto [it, fresh] = seen.emplace(all.specs[i].name, i);
    if (!fresh) {
      errors.push_back(config_error(all.where[i].name_at, "[program:" + all.specs[i].name + "]",
                                    "process name \"" + all.specs[i].name +
                                        "\" is already used by another program; drover needs "
                                        "unique process names"));
    }
  }
}

// A command-line flag replaces the option in [supervisord], as supervisord's
// own flags do; its location reads "command line".
void apply_overrides(const std::vector<std::pair<std::string, std::string>>& overrides,
                     IniDocument& doc) {
  if (overrides.empty() || doc.find("supervisord") == nullptr) {
    return;
  }
  IniSection& section = *doc.find("supervisord");
  for (const auto& [key, value] : overrides) {
    SourceLocation at{"command line", 0, 0};
    // A named copy: clang before 16 cannot capture a structured binding.
    const std::string& option = key;
    std::erase_if(section.entries, [&option](const IniEntry& e) { return e.key == option; });
    std::string literal;  // Flags are taken as written, not %(name)s-expanded.
    for (char c : value) {
      literal += c == '%' ? "%%" : std::string(1, c);
    }
    section.entries.push_back(IniEntry{key, literal, at, at});
  }
}

// The shared checks (validate.h) name fields the drover.yaml way
// ("services.web.depends_on"); in this format they read "[program:x] depends_on".
void rename_fields(const Assembled& all, size_t first, Errors& errors) {
  std::map<std::string, std::string> program_of;
  for (const auto& [program, processes] : all.processes_of) {
    for (const std::string& process : processes) {
      program_of[process] = program;
    }
  }
  for (size_t i = first; i < errors.size(); ++i) {
    std::string& field = errors[i].field;
    if (field.rfind("services.", 0) != 0) {
      continue;
    }
    std::string rest = field.substr(9);
    std::string key;
    for (const auto& [process, program] : program_of) {
      if (rest == process || rest.rfind(process + ".", 0) == 0) {
        key = rest.size() > process.size() ? rest.substr(process.size() + 1) : "";
        field = "[program:" + program + "]" + (key.empty() ? "" : " " + key);
        break;
      }
    }
  }
}

}  // namespace

std::optional<core::Model> read_ini_config(
    std::string_view text, const std::string& file, const Environment& env,
    const std::vector<std::pair<std::string, std::string>>& overrides, Errors& errors,
    Errors& warnings) {
  size_t errors_before = errors.size();
  IniDocument doc = read_ini_document(text, file, env, errors, warnings);
  apply_overrides(overrides, doc);
  IniGlobals globals;
  globals.env = env;
  globals.host_node_name = node_name();
  core::Model model;
  model.source_file = file;
  model.settings = read_ini_settings(doc, file, env, globals, errors, warnings);
  std::vector<Group> groups = read_groups(doc, env, errors, warnings);
  auto owner = group_of(groups, doc, errors);
  warn_other_sections(doc, warnings);
  Assembled all;
  std::vector<int> group_priority;
  for (const IniSection& section : doc.sections) {
    if (!starts_with(section.name, "program:") && !starts_with(section.name, "eventlistener:")) {
      continue;
    }
    std::string program = section.name.substr(section.name.find(':') + 1);
    auto group = owner.find(program);
    std::string group_name = group == owner.end() ? program : group->second.first;
    ProgramRead read = read_program(section, group_name, globals, errors, warnings);
    for (ServiceRead& process : read.processes) {
      all.processes_of[program].push_back(process.spec.name);
      group_priority.push_back(group == owner.end() ? process.spec.priority : group->second.second);
      all.specs.push_back(std::move(process.spec));
      all.where.push_back(std::move(process.where));
    }
  }
  order_by_priority(all, group_priority);
  resolve_dependencies(all);
  check_unique_names(all, errors);
  size_t before_validation = errors.size();
  validate_services(all.specs, all.where, errors);
  rename_fields(all, before_validation, errors);
  for (const core::ServiceSpec& spec : all.specs) {
    // supervisord waits stopwaitsecs per process; drover's overall shutdown
    // bound must not cut that short.
    model.settings.shutdown_timeout =
        std::max(model.settings.shutdown_timeout, spec.stop_timeout + std::chrono::seconds(5));
  }
  model.services = std::move(all.specs);
  if (errors.size() != errors_before) {
    return std::nullopt;
  }
  return model;
}

bool is_ini_config(const std::string& path, std::string_view text) {
  auto ends_with = [&path](std::string_view suffix) {
    return path.size() >= suffix.size() &&
           path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  if (ends_with(".conf") || ends_with(".ini")) {
    return true;
  }
  if (ends_with(".yaml") || ends_with(".yml")) {
    return false;
  }
  for (std::string_view header : {"[supervisord]", "[program:", "[include]"}) {
    size_t at = text.find(header);
    while (at != std::string_view::npos) {
      if (at == 0 || text[at - 1] == '\n') {
        return true;
      }
      at = text.find(header, at + 1);
    }
  }
  return false;
}

}  // namespace drover::config
