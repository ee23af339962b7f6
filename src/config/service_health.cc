// A service's `health:`, `ready:` and `watchdog:` keys -> core::HealthSpec and
// core::ReadySpec. The probe kind is whichever of exec/http/tcp is given
// (exactly one); the rest of the map tunes timing and the failure action.
#include "base/did_you_mean.h"
#include "base/shell_words.h"
#include "config/field_reader.h"
#include "config/service_reader.h"
#include "core/probe_target.h"

#include <climits>

namespace drover::config {
namespace {

using core::HealthSpec;

template <typename T, typename U>
void assign(T& target, std::optional<U> value) {
  if (value) {
    target = std::move(*value);
  }
}

std::optional<core::Duration> read_positive_duration(const Node& value, const std::string& field,
                                                     Errors& errors) {
  std::optional<core::Duration> duration = read_duration(value, field, errors);
  if (duration && duration->count() <= 0) {
    errors.push_back(config_error(value.at, field, "must be more than 0"));
    return std::nullopt;
  }
  return duration;
}

void read_exec(const Node& value, const std::string& field, HealthSpec& health, Errors& errors) {
  health.kind = core::ProbeKind::Exec;
  if (value.is_list()) {
    auto argv = read_string_list(value, field, errors);
    if (argv && argv->empty()) {
      errors.push_back(config_error(value.at, field, "must not be empty"));
    } else if (argv) {
      health.exec = std::move(*argv);
    }
    return;
  }
  if (!value.is_scalar()) {
    expect_kind(value, Node::Kind::Scalar, field, "a string or a list of strings", errors);
    return;
  }
  std::optional<std::string> text = read_nonempty_string(value, field, errors);
  if (!text) {
    return;
  }
  Result<std::vector<std::string>> words = split_shell_words(*text);
  if (!words || words->empty()) {
    errors.push_back(
        config_error(value.at, field, words ? "must not be blank" : words.error().message));
    return;
  }
  health.exec = std::move(*words);
}

void read_http(const Node& value, const std::string& field, HealthSpec& health, Errors& errors) {
  health.kind = core::ProbeKind::Http;
  std::optional<std::string> url = read_nonempty_string(value, field, errors);
  std::string why;
  if (url && !core::parse_http_url(*url, why)) {
    errors.push_back(config_error(value.at, field, "invalid URL \"" + *url + "\": " + why));
    return;
  }
  assign(health.http_url, url);
}

void read_tcp(const Node& value, const std::string& field, HealthSpec& health, Errors& errors) {
  health.kind = core::ProbeKind::Tcp;
  std::optional<std::string> address = read_nonempty_string(value, field, errors);
  std::string why;
  if (address && !core::parse_tcp_address(*address, why)) {
    errors.push_back(config_error(value.at, field, "invalid address \"" + *address + "\": " + why));
    return;
  }
  assign(health.tcp_address, address);
}

void read_status(const Node& value, const std::string& field, HealthSpec& health, Errors& errors) {
  if (!expect_kind(value, Node::Kind::List, field, "a list of HTTP status codes", errors)) {
    return;
  }
  if (value.items.empty()) {
    errors.push_back(config_error(value.at, field, "must list at least one status code"));
    return;
  }
  for (size_t i = 0; i < value.items.size(); ++i) {
    std::string item_field = field + "[" + std::to_string(i) + "]";
    if (auto code = read_int(value.items[i], item_field, 100, 599, "status code", errors)) {
      health.http_status.push_back(*code);
    }
  }
}

void read_on_failure(const Node& value, const std::string& field, HealthSpec& health,
                     Errors& errors) {
  static const std::vector<std::string> kActions = {"restart", "none"};
  if (std::optional<size_t> action = read_choice(value, field, kActions, errors)) {
    health.on_failure =
        *action == 0 ? core::HealthFailureAction::Restart : core::HealthFailureAction::None;
  }
}

void read_from(const Node& value, const std::string& field, HealthSpec& health, Errors& errors) {
  static const std::vector<std::string> kSides = {"local", "remote"};
  if (std::optional<size_t> side = read_choice(value, field, kSides, errors)) {
    health.from_remote = *side == 1;
  }
}

template <auto Member, auto Reader>
void read_into(const Node& value, const std::string& field, HealthSpec& health, Errors& errors) {
  assign(health.*Member, Reader(value, field, errors));
}

std::optional<int> read_count(const Node& value, const std::string& field, Errors& errors) {
  return read_int(value, field, 0, INT_MAX, "", errors);
}

std::optional<int> read_threshold(const Node& value, const std::string& field, Errors& errors) {
  return read_int(value, field, 1, INT_MAX, "", errors);
}

using HealthFieldReaderFn = void (*)(const Node&, const std::string&, HealthSpec&, Errors&);
struct HealthFieldRule {
  const char* key;
  HealthFieldReaderFn read;
  bool is_kind;  // One of the mutually exclusive probe kinds.
};

// Every `health` key, in documentation order.
const HealthFieldRule kHealthRules[] = {
    {"exec", read_exec, true},
    {"http", read_http, true},
    {"tcp", read_tcp, true},
    {"status", read_status, false},
    {"interval", read_into<&HealthSpec::interval, read_positive_duration>, false},
    {"timeout", read_into<&HealthSpec::timeout, read_positive_duration>, false},
    {"retries", read_into<&HealthSpec::retries, read_count>, false},
    {"start_period", read_into<&HealthSpec::start_period, read_duration>, false},
    {"success_threshold", read_into<&HealthSpec::success_threshold, read_threshold>, false},
    {"on_failure", read_on_failure, false},
    {"from", read_from, false},
};

std::vector<std::string> health_keys() {
  std::vector<std::string> keys;
  for (const HealthFieldRule& rule : kHealthRules) {
    keys.push_back(rule.key);
  }
  return keys;
}

void read_health_map(const MapEntry& entry, const std::string& field, core::ServiceSpec& spec,
                     Errors& errors) {
  const Node& map = entry.value;
  check_keys(map, field, health_keys(), errors);
  const MapEntry* kind = nullptr;
  for (const MapEntry& item : map.entries) {
    for (const HealthFieldRule& rule : kHealthRules) {
      if (item.key != rule.key) {
        continue;
      }
      if (rule.is_kind && kind != nullptr) {
        errors.push_back(config_error(
            item.key_at, join_field(field, item.key),
            kind->key + " and " + item.key + " both given; a health check has one probe"));
        continue;
      }
      kind = rule.is_kind ? &item : kind;
      rule.read(item.value, join_field(field, item.key), spec.health, errors);
    }
  }
  if (kind == nullptr) {
    errors.push_back(config_error(entry.key_at, field, "no probe; set exec, http or tcp"));
  } else if (find_entry(map, "status") != nullptr && kind->key != "http") {
    errors.push_back(config_error(find_entry(map, "status")->key_at, join_field(field, "status"),
                                  "status applies to http probes only"));
  }
  const MapEntry* from = find_entry(map, "from");
  if (from != nullptr && kind != nullptr && kind->key == "exec") {
    errors.push_back(config_error(from->key_at, join_field(field, "from"),
                                  "from applies to http and tcp probes (exec runs where the "
                                  "service runs)"));
  } else if (spec.health.from_remote && spec.runtime != core::RuntimeKind::Remote) {
    errors.push_back(config_error(from->key_at, join_field(field, "from"),
                                  "from: remote needs runtime: remote"));
  }
}

void read_ready(const MapEntry& entry, const std::string& field, core::ReadySpec& ready,
                Errors& errors) {
  const Node& value = entry.value;
  if (value.is_map()) {
    static const std::vector<std::string> kReadyKeys = {"fd"};
    check_keys(value, field, kReadyKeys, errors);
    const MapEntry* fd = find_entry(value, "fd");
    if (fd == nullptr) {
      errors.push_back(config_error(entry.key_at, field, "expected notify or {fd: N}"));
      return;
    }
    ready.kind = core::ReadinessKind::Fd;
    // 0-2 are the service's stdio; above 1023 select()-based programs break.
    assign(ready.fd, read_int(fd->value, join_field(field, "fd"), 3, 1023, "fd", errors));
    return;
  }
  std::optional<std::string> text = read_nonempty_string(value, field, errors);
  if (text && *text == "notify") {
    ready.kind = core::ReadinessKind::Notify;
  } else if (text) {
    errors.push_back(config_error(value.at, field,
                                  "unknown value \"" + *text + "\"; expected notify or {fd: N}" +
                                      did_you_mean(*text, {"notify"})));
  }
}

}  // namespace

void read_health(const Node& service, const std::string& field, core::ServiceSpec& spec,
                 Errors& errors) {
  spec.health.on_failure = spec.type == core::ServiceType::Oneshot
                               ? core::HealthFailureAction::None
                               : core::HealthFailureAction::Restart;
  if (const MapEntry* health = find_entry(service, "health"); health && !health->value.is_null()) {
    std::string health_field = join_field(field, "health");
    if (expect_kind(health->value, Node::Kind::Map, health_field, "a map with exec, http or tcp",
                    errors)) {
      read_health_map(*health, health_field, spec, errors);
    }
  }
  if (const MapEntry* ready = find_entry(service, "ready")) {
    read_ready(*ready, join_field(field, "ready"), spec.ready, errors);
  }
  if (const MapEntry* watchdog = find_entry(service, "watchdog")) {
    std::string watchdog_field = join_field(field, "watchdog");
    assign(spec.ready.watchdog, read_positive_duration(watchdog->value, watchdog_field, errors));
    if (spec.ready.kind != core::ReadinessKind::Notify) {
      errors.push_back(config_error(watchdog->key_at, watchdog_field,
                                    "watchdog needs ready: notify (WATCHDOG=1 arrives on the "
                                    "notify socket)"));
    }
  }
}

}  // namespace drover::config
