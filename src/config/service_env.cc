// A service's environment: env_file first, then the env map on top. One
// entry per name, in first-declared order, so `drover status` and the spawned
// process agree on what the service sees.
#include "config/env_file.h"
#include "config/field_reader.h"
#include "config/read_file.h"
#include "config/service_reader.h"

#include <algorithm>
#include <filesystem>

namespace drover::config {
namespace {

// Relative env_file paths are relative to the config file, not to the
// directory drover happens to be started from.
std::string resolve_path(const std::string& config_file, const std::string& path) {
  std::filesystem::path relative(path);
  if (relative.is_absolute()) {
    return path;
  }
  return (std::filesystem::path(config_file).parent_path() / relative).lexically_normal().string();
}

void read_env_file(const MapEntry& entry, const std::string& field, const std::string& config_file,
                   EnvList& env, core::ServiceSpec& spec, Errors& errors) {
  std::optional<std::string> path = read_nonempty_string(entry.value, field, errors);
  if (!path) {
    return;
  }
  std::string resolved = resolve_path(config_file, *path);
  spec.env_file = resolved;
  Result<std::string> text = read_text_file(resolved);
  if (!text) {
    errors.push_back(config_error(entry.value.at, field, text.error().message));
    return;
  }
  for (auto& [key, value] : parse_env_file(*text, resolved, field, errors)) {
    if (std::find(spec.env_file_names.begin(), spec.env_file_names.end(), key) ==
        spec.env_file_names.end()) {
      spec.env_file_names.push_back(key);
    }
    set_env(env, std::move(key), std::move(value));
  }
}

void read_env_map(const Node& map, const std::string& field, EnvList& env, Errors& errors) {
  if (map.is_null() || !expect_kind(map, Node::Kind::Map, field, "a map of NAME: value", errors)) {
    return;
  }
  for (const MapEntry& entry : map.entries) {
    std::string entry_field = join_field(field, entry.key);
    if (!is_valid_env_name(entry.key)) {
      errors.push_back(config_error(entry.key_at, entry_field, "invalid variable name"));
      continue;
    }
    if (entry.value.is_null()) {
      set_env(env, entry.key, "");  // `NAME:` with nothing after it: an empty value.
      continue;
    }
    if (entry.value.reported) {
      continue;
    }
    if (expect_kind(entry.value, Node::Kind::Scalar, entry_field, "a string, number or boolean",
                    errors)) {
      set_env(env, entry.key, entry.value.text);
    }
  }
}

}  // namespace

void read_environment(const Node& service, const std::string& field, const std::string& config_file,
                      core::ServiceSpec& spec, Errors& errors) {
  EnvList env;
  if (const MapEntry* env_file = find_entry(service, "env_file")) {
    read_env_file(*env_file, join_field(field, "env_file"), config_file, env, spec, errors);
  }
  if (const MapEntry* map = find_entry(service, "env")) {
    read_env_map(map->value, join_field(field, "env"), env, errors);
    // A name `env:` sets is the config's own value, not the file's.
    std::erase_if(spec.env_file_names, [&](const std::string& name) {
      return map->value.is_map() && find_entry(map->value, name) != nullptr;
    });
  }
  spec.env = std::move(env);
}

}  // namespace drover::config
