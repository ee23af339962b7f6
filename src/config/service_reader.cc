// Reading one service. Single-key fields go through a table (key -> small
// reader), so adding a key is one line and the list of known keys used for
// did-you-mean cannot drift from what is actually read.
#include "config/service_reader.h"

#include "base/signal_names.h"
#include "config/field_reader.h"

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
  // The scalar text is read as octal whether or not it has a leading 0, since
  // YAML would read a plain 022 as decimal 22 (or octal 18, by version).
  unsigned mask = 0;
  bool octal = !text->empty() && text->size() <= 5;
  for (char c : *text) {
    octal = octal && c >= '0' && c <= '7';
    mask = mask * 8 + static_cast<unsigned>(c - '0');
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

using FieldReaderFn = void (*)(const Node&, const std::string&, ServiceSpec&, Errors&);
struct FieldRule {
  const char* key;
  FieldReaderFn read;  // nullptr: read by one of the multi-key readers.
};

// Every service key, in documentation order.
const FieldRule kFieldRules[] = {
    {"command", nullptr},
    {"binary", nullptr},
    {"args", nullptr},
    {"shell", nullptr},
    {"env", nullptr},
    {"env_file", nullptr},
    {"working_dir", [](const Node& v, const std::string& f, ServiceSpec& s,
                       Errors& e) { assign(s.working_dir, read_nonempty_string(v, f, e)); }},
    {"user", [](const Node& v, const std::string& f, ServiceSpec& s,
                Errors& e) { assign(s.user, read_nonempty_string(v, f, e)); }},
    {"group", [](const Node& v, const std::string& f, ServiceSpec& s,
                 Errors& e) { assign(s.group, read_nonempty_string(v, f, e)); }},
    {"umask", [](const Node& v, const std::string& f, ServiceSpec& s,
                 Errors& e) { s.umask = read_umask(v, f, e); }},
    {"type",
     [](const Node& v, const std::string& f, ServiceSpec& s, Errors& e) {
       std::optional<size_t> type = read_choice(v, f, kTypes, e);
       s.type = type == 1 ? core::ServiceType::Oneshot : core::ServiceType::Longrun;
     }},
    {"restart",
     [](const Node& v, const std::string& f, ServiceSpec& s, Errors& e) {
       constexpr core::RestartPolicy kPolicies[] = {
           core::RestartPolicy::Always, core::RestartPolicy::OnFailure, core::RestartPolicy::Never};
       std::optional<size_t> restart = read_choice(v, f, kRestarts, e);
       assign(s.restart, restart ? std::optional(kPolicies[*restart]) : std::nullopt);
     }},
    {"success_exit_codes", read_exit_codes},
    {"start_period", [](const Node& v, const std::string& f, ServiceSpec& s,
                        Errors& e) { assign(s.start_period, read_duration(v, f, e)); }},
    {"start_retries",
     [](const Node& v, const std::string& f, ServiceSpec& s, Errors& e) {
       assign(s.start_retries, read_int(v, f, 0, INT_MAX, "", e));
     }},
    {"stop_signal", [](const Node& v, const std::string& f, ServiceSpec& s,
                       Errors& e) { assign(s.stop_signal, read_signal(v, f, e)); }},
    {"stop_timeout", [](const Node& v, const std::string& f, ServiceSpec& s,
                        Errors& e) { assign(s.stop_timeout, read_duration(v, f, e)); }},
    {"depends_on", nullptr},
    {"required", [](const Node& v, const std::string& f, ServiceSpec& s,
                    Errors& e) { assign(s.required, read_bool(v, f, e)); }},
    {"autostart", [](const Node& v, const std::string& f, ServiceSpec& s,
                     Errors& e) { assign(s.autostart, read_bool(v, f, e)); }},
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
  for (const FieldRule& rule : kFieldRules) {
    const MapEntry* found = find_entry(service, rule.key);
    if (found != nullptr && rule.read != nullptr) {
      rule.read(found->value, join_field(field, rule.key), out.spec, errors);
    }
  }
  if (find_entry(service, "restart") == nullptr) {
    out.spec.restart = out.spec.type == core::ServiceType::Oneshot ? core::RestartPolicy::Never
                                                                   : core::RestartPolicy::Always;
  }
  read_command(service, entry.key_at, field, out.spec, errors);
  read_environment(service, field, config_file, out.spec, errors);
  if (const MapEntry* depends_on = find_entry(service, "depends_on")) {
    read_depends_on(*depends_on, join_field(field, "depends_on"), out, errors);
  }
  return out;
}

}  // namespace drover::config
