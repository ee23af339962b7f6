// drover.yaml's schema: the top level, `settings` and the `services` map.
// Service fields are in service_reader.cc; the checks across services are in
// validate.cc, shared with the (later) supervisord INI reader.
#include "config/yaml_reader.h"

#include "config/config.h"
#include "config/expand.h"
#include "config/field_reader.h"
#include "config/service_reader.h"
#include "config/service_remote.h"
#include "config/settings_http.h"
#include "config/validate.h"

namespace drover::config {
namespace {

// sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
constexpr size_t kMaxSocketPath = 107;

void read_log_settings(const Node& map, core::Settings& settings, Errors& errors) {
  static const std::vector<std::string> kFormats = {"text", "json"};
  constexpr core::LogFormat kByIndex[] = {core::LogFormat::Text, core::LogFormat::Json};
  if (const MapEntry* dir = find_entry(map, "log_dir")) {
    if (auto path = read_nonempty_string(dir->value, "settings.log_dir", errors)) {
      settings.log_dir = *path;
    }
  }
  if (const MapEntry* file = find_entry(map, "log_file")) {
    if (auto path = read_nonempty_string(file->value, "settings.log_file", errors)) {
      settings.daemon.log_file = *path;
    }
  }
  if (const MapEntry* format = find_entry(map, "log_format")) {
    if (auto index = read_choice(format->value, "settings.log_format", kFormats, errors)) {
      settings.log_format = kByIndex[*index];
    }
  }
  if (const MapEntry* timestamps = find_entry(map, "log_timestamps")) {
    if (auto value = read_bool(timestamps->value, "settings.log_timestamps", errors)) {
      settings.log_timestamps = *value;
    }
  }
}

core::Settings read_settings(const MapEntry* entry, const std::string& config_file,
                             const Environment& env, Errors& errors) {
  core::Settings settings;
  settings.control = default_control_socket(env);
  if (entry == nullptr || entry->value.is_null() ||
      !expect_kind(entry->value, Node::Kind::Map, "settings", "a map", errors)) {
    return settings;
  }
  check_keys(entry->value, "settings", settings_keys(), errors);
  if (const MapEntry* control = find_entry(entry->value, "control")) {
    std::optional<std::string> path =
        read_nonempty_string(control->value, "settings.control", errors);
    if (path && path->size() > kMaxSocketPath) {
      errors.push_back(config_error(control->value.at, "settings.control",
                                    "socket path is " + std::to_string(path->size()) +
                                        " bytes long; a unix socket path holds at most " +
                                        std::to_string(kMaxSocketPath)));
    } else if (path) {
      settings.control = *path;
    }
  }
  if (const MapEntry* timeout = find_entry(entry->value, "shutdown_timeout")) {
    if (auto duration = read_duration(timeout->value, "settings.shutdown_timeout", errors)) {
      settings.shutdown_timeout = *duration;
    }
  }
  read_log_settings(entry->value, settings, errors);
  if (const MapEntry* http = find_entry(entry->value, "http")) {
    read_http_settings(http->value, settings.http, errors);
  }
  if (const MapEntry* ssh = find_entry(entry->value, "ssh")) {
    read_ssh_settings(ssh->value, config_file, settings.ssh, errors);
  }
  return settings;
}

// The `services` map itself, or nullptr after reporting why there is none.
const Node* services_map(const Node& root, const std::string& file, Errors& errors) {
  const MapEntry* entry = find_entry(root, "services");
  if (entry == nullptr) {
    errors.push_back(config_error(SourceLocation{file, 1, 1}, "services",
                                  "missing; define at least one service"));
    return nullptr;
  }
  const Node& services = entry->value;
  if (services.is_null() || (services.is_map() && services.entries.empty())) {
    errors.push_back(config_error(services.at, "services", "no services defined"));
    return nullptr;
  }
  if (!expect_kind(services, Node::Kind::Map, "services", "a map of name: service", errors)) {
    return nullptr;
  }
  return &services;
}

}  // namespace

const std::vector<std::string>& top_level_keys() {
  static const std::vector<std::string> keys = {"settings", "hosts", "services"};
  return keys;
}

const std::vector<std::string>& settings_keys() {
  static const std::vector<std::string> keys = {
      "control",    "shutdown_timeout", "log_dir", "log_file",
      "log_format", "log_timestamps",   "http",    "ssh"};
  return keys;
}

std::optional<core::Model> read_yaml_config(Node root, const std::string& file,
                                            const Environment& env, Errors& errors,
                                            const TimeZoneCheck& check_zone) {
  if (!root.is_map()) {
    errors.push_back(config_error(root.at, "",
                                  "expected a map with \"settings\" and \"services\" at the top "
                                  "level, got " +
                                      describe(root)));
    return std::nullopt;
  }
  size_t errors_before = errors.size();
  expand_tree(root, env, errors);
  check_keys(root, "", top_level_keys(), errors);
  core::Model model;
  model.source_file = file;
  model.settings = read_settings(find_entry(root, "settings"), file, env, errors);
  if (const Node* services = services_map(root, file, errors)) {
    std::vector<ServiceLocations> where;
    for (const MapEntry& entry : services->entries) {
      ServiceRead service = read_service(entry, file, errors);
      model.services.push_back(std::move(service.spec));
      where.push_back(std::move(service.where));
    }
    validate_services(model.services, where, errors);
    const MapEntry* hosts = find_entry(root, "hosts");
    resolve_remote_hosts(model.services, where,
                         hosts != nullptr ? read_hosts(hosts->value, file, errors) : Hosts{},
                         model.settings.ssh, errors);
    check_time_zones(model.services, where, check_zone, errors);
  }
  if (errors.size() != errors_before) {
    return std::nullopt;
  }
  return model;
}

}  // namespace drover::config
