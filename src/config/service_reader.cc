// Reading one service. Single-key fields go through a table (key -> small
// reader), so adding a key is one line and the list of known keys used for
// did-you-mean cannot drift from what is actually read.
#include "config/service_reader.h"

#include "base/signal_names.h"
#include "config/field_reader.h"
#include "config/service_remote.h"

#include <climits>

namespace drover::config {
namespace {

using core::ServiceSpec;

template <typename T, typename U>
void assign(T& target, std::optional<U> value) {
  if (value) {
    target = std::move(*value);
  }
}

std::optional<unsigned> read_umask(const Node& value, const std::string& field, Errors& errors) {
  std::optional<std::string> text = read_string(value, field, errors);
  if (!text) {
    return std::nullopt;
  }
  // The text is read as octal, leading 0 or not: YAML 1.1 would read a plain
  // 022 as octal but YAML 1.2 as decimal 22, and nobody means decimal here.
  unsigned mask = 0;
  bool octal = !text->empty() && text->size() <= 5;
  for (size_t i = 0; octal && i < text->size(); ++i) {
    char digit = (*text)[i];
    octal = digit >= '0' && digit <= '7';
    mask = mask * 8 + static_cast<unsigned>(digit - '0');
  }
  if (!octal || mask > 0777) {
    errors.push_back(config_error(value.at, field,
                                  "invalid umask " + describe(value) +
                                      "; expected an octal number from 0 to 0777, such as 022"));
    return std::nullopt;
  }
  return mask;
}

std::optional<int> read_signal(const Node& value, const std::string& field, Errors& errors) {
  std::optional<std::string> text = read_nonempty_string(value, field, errors);
  if (!text) {
    return std::nullopt;
  }
  Result<int> signo = parse_signal(*text);
  if (!signo) {
    errors.push_back(config_error(value.at, field, signo.error().message));
    return std::nullopt;
  }
  return *signo;
}

void read_exit_codes(const Node& value, const std::string& field, ServiceSpec& spec,
                     Errors& errors) {
  if (!expect_kind(value, Node::Kind::List, field, "a list of exit codes", errors)) {
    return;
  }
  if (value.items.empty()) {
    errors.push_back(config_error(value.at, field, "must list at least one exit code"));
    return;
  }
  std::vector<int> codes;
  for (size_t i = 0; i < value.items.size(); ++i) {
    std::string item_field = field + "[" + std::to_string(i) + "]";
    codes.push_back(read_int(value.items[i], item_field, 0, 255, "exit code", errors).value_or(0));
  }
  spec.success_exit_codes = std::move(codes);
}

const std::vector<std::string> kTypes = {"longrun", "oneshot"};
const std::vector<std::string> kRestarts = {"always", "on-failure", "never"};
const std::vector<std::string> kConditions = {"started", "healthy", "completed_successfully"};

void read_type(const Node& value, const std::string& field, ServiceSpec& spec, Errors& errors) {
  constexpr core::ServiceType kByIndex[] = {core::ServiceType::Longrun, core::ServiceType::Oneshot};
  std::optional<size_t> type = read_choice(value, field, kTypes, errors);
  spec.type = kByIndex[type.value_or(0)];
}

void read_restart(const Node& value, const std::string& field, ServiceSpec& spec, Errors& errors) {
  constexpr core::RestartPolicy kByIndex[] = {
      core::RestartPolicy::Always, core::RestartPolicy::OnFailure, core::RestartPolicy::Never};
  if (std::optional<size_t> restart = read_choice(value, field, kRestarts, errors)) {
    spec.restart = kByIndex[*restart];
  }
}

std::optional<int> read_retries(const Node& value, const std::string& field, Errors& errors) {
  return read_int(value, field, 0, INT_MAX, "", errors);
}

// Reads one field with `Reader` and stores it in `Member` when it is valid.
template <auto Member, auto Reader>
void read_into(const Node& value, const std::string& field, ServiceSpec& spec, Errors& errors) {
  assign(spec.*Member, Reader(value, field, errors));
}

using FieldReaderFn = void (*)(const Node&, const std::string&, ServiceSpec&, Errors&);
struct FieldRule {
  const char* key;
  FieldReaderFn read;  // nullptr: read by one of the multi-key readers below.
};

// Every service key, in documentation order.
const FieldRule kFieldRules[] = {
    {"runtime", nullptr},
    {"command", nullptr},
    {"binary", nullptr},
    {"args", nullptr},
    {"shell", nullptr},
    {"env", nullptr},
    {"env_file", nullptr},
    {"working_dir", read_into<&ServiceSpec::working_dir, read_nonempty_string>},
    {"user", read_into<&ServiceSpec::user, read_nonempty_string>},
    {"group", read_into<&ServiceSpec::group, read_nonempty_string>},
    {"umask", read_into<&ServiceSpec::umask, read_umask>},
    {"type", read_type},
    {"restart", read_restart},
    {"success_exit_codes", read_exit_codes},
    {"start_period", read_into<&ServiceSpec::start_period, read_duration>},
    {"start_retries", read_into<&ServiceSpec::start_retries, read_retries>},
    {"stop_signal", read_into<&ServiceSpec::stop_signal, read_signal>},
    {"stop_timeout", read_into<&ServiceSpec::stop_timeout, read_duration>},
    {"depends_on", nullptr},
    {"required", read_into<&ServiceSpec::required, read_bool>},
    {"autostart", read_into<&ServiceSpec::autostart, read_bool>},
    {"replicas", read_into<&ServiceSpec::replicas, read_retries>},
    {"scale", read_into<&ServiceSpec::replicas, read_retries>},
    {"log", nullptr},
    {"health", nullptr},
    {"resources", nullptr},
    {"ready", nullptr},
    {"watchdog", nullptr},
    {"schedule", nullptr},
    {"timezone", nullptr},
    {"concurrency", nullptr},
    {"starting_deadline", nullptr},
    {"max_runtime", nullptr},
    // runtime: container (service_container.cc).
    {"image", nullptr},
    {"entrypoint", nullptr},
    {"volumes", nullptr},
    {"ports", nullptr},
    {"network", nullptr},
    {"hostname", nullptr},
    {"labels", nullptr},
    {"pull", nullptr},
    {"memory", nullptr},
    {"cpus", nullptr},
    // runtime: remote (service_remote.cc).
    {"host", nullptr},
    {"ssh", nullptr},
    {"on_disconnect", nullptr},
};

void read_depends_on(const MapEntry& entry, const std::string& field, ServiceRead& out,
                     Errors& errors) {
  const Node& value = entry.value;
  if (value.is_list()) {
    for (size_t i = 0; i < value.items.size(); ++i) {
      const Node& item = value.items[i];
      std::optional<std::string> name =
          read_nonempty_string(item, field + "[" + std::to_string(i) + "]", errors);
      if (name) {
        out.spec.depends_on.push_back(core::Dependency{*name, core::DependencyCondition::Started});
        out.where.dependency_at.push_back(item.at);
      }
    }
  } else if (value.is_map()) {
    constexpr core::DependencyCondition kByIndex[] = {
        core::DependencyCondition::Started, core::DependencyCondition::Healthy,
        core::DependencyCondition::CompletedSuccessfully};
    for (const MapEntry& dep : value.entries) {
      std::optional<size_t> condition =
          read_choice(dep.value, join_field(field, dep.key), kConditions, errors);
      out.spec.depends_on.push_back(core::Dependency{dep.key, kByIndex[condition.value_or(0)]});
      out.where.dependency_at.push_back(dep.key_at);
    }
  } else if (!value.is_null() && !value.reported) {
    expect_kind(value, Node::Kind::List, field,
                "a list of service names or a map of name: condition", errors);
  }
}

}  // namespace

const std::vector<std::string>& service_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const FieldRule& rule : kFieldRules) {
      out.push_back(rule.key);
    }
    return out;
  }();
  return keys;
}

ServiceRead read_service(const MapEntry& entry, const std::string& config_file, Errors& errors) {
  ServiceRead out;
  out.spec.name = entry.key;
  out.where.name_at = entry.key_at;
  std::string field = "services." + entry.key;
  const Node& service = entry.value;
  if (!expect_kind(service, Node::Kind::Map, field, "a map of service settings", errors)) {
    return out;
  }
  check_keys(service, field, service_keys(), errors);
  bool runtime_known = read_runtime(service, field, out.spec, errors);
  for (const FieldRule& rule : kFieldRules) {
    const MapEntry* found = find_entry(service, rule.key);
    if (found != nullptr && rule.read != nullptr) {
      rule.read(found->value, join_field(field, rule.key), out.spec, errors);
    }
  }
  read_schedule(service, field, out, errors);  // Before the restart default: it implies oneshot.
  if (find_entry(service, "restart") == nullptr) {
    out.spec.restart = out.spec.type == core::ServiceType::Oneshot ? core::RestartPolicy::Never
                                                                   : core::RestartPolicy::Always;
  }
  if (out.spec.runtime == core::RuntimeKind::Container) {
    read_container(service, entry.key_at, field, config_file, out.spec, errors);
  } else if (runtime_known) {
    read_command(service, entry.key_at, field, out.spec, errors);
  }
  if (out.spec.runtime == core::RuntimeKind::Remote) {
    read_remote(service, entry.key_at, field, config_file, out, errors);
  }
  read_environment(service, field, config_file, out.spec, errors);
  read_log(service, field, config_file, out.spec, errors);
  read_health(service, field, out.spec, errors);
  read_resources(service, field, out.spec, errors);
  if (const MapEntry* depends_on = find_entry(service, "depends_on")) {
    read_depends_on(*depends_on, join_field(field, "depends_on"), out, errors);
  }
  return out;
}

}  // namespace drover::config
