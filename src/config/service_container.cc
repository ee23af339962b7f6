// `runtime: container`: the keys only a container has (image, volumes,
// ports, ...) and the check that each runtime gets only keys that mean
// something for it, so `image:` on a process is an error, not ignored.
#include "base/shell_words.h"
#include "config/field_reader.h"
#include "config/service_reader.h"

#include <algorithm>
#include <filesystem>

namespace drover::config {
namespace {

// Keys that only a process understands, keys only a container does, and
// keys only a remote service does. A remote service runs a command like a
// process, but as the ssh user, without drover's readiness fds or cgroups.
const std::vector<std::string> kProcessOnlyKeys = {"binary", "shell", "group",
                                                   "umask",  "ready", "watchdog"};
const std::vector<std::string> kContainerOnlyKeys = {"image",   "entrypoint", "volumes", "ports",
                                                     "network", "hostname",   "labels",  "pull",
                                                     "memory",  "cpus"};
const std::vector<std::string> kRemoteOnlyKeys = {"host", "ssh", "on_disconnect"};
const std::vector<std::string> kNotRemoteKeys = {"user",  "group",    "umask",
                                                 "ready", "watchdog", "resources"};

const std::vector<std::string> kRuntimes = {"process", "container", "remote"};
const std::vector<std::string> kPullPolicies = {"missing", "never", "always"};

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Why `key` means nothing under `runtime`, or "" when it is fine there.
std::string foreign_key_reason(core::RuntimeKind runtime, const std::string& key) {
  bool container_key = contains(kContainerOnlyKeys, key);
  bool remote_key = contains(kRemoteOnlyKeys, key);
  switch (runtime) {
    case core::RuntimeKind::Process:
      if (container_key) {
        return "only for containers; add runtime: container (and image) to use it";
      }
      return remote_key ? "only for remote services; add runtime: remote to use it" : "";
    case core::RuntimeKind::Container:
      if (contains(kProcessOnlyKeys, key)) {
        return "not available with runtime: container (it applies to processes only)";
      }
      return remote_key ? "only for remote services; add runtime: remote to use it" : "";
    case core::RuntimeKind::Remote:
      if (container_key || contains(kNotRemoteKeys, key)) {
        return "not available with runtime: remote (the command runs as the ssh user, "
               "without drover's fds or cgroups)";
      }
      return "";
  }
  return "";
}

void check_runtime_keys(const Node& service, const std::string& field, core::RuntimeKind runtime,
                        Errors& errors) {
  for (const MapEntry& entry : service.entries) {
    std::string reason = foreign_key_reason(runtime, entry.key);
    if (!reason.empty()) {
      errors.push_back(config_error(entry.key_at, join_field(field, entry.key), reason));
    }
  }
}

// A string split like `command`, or a list; `what` is for the empty error.
std::optional<std::vector<std::string>> read_words(const Node& value, const std::string& field,
                                                   Errors& errors) {
  if (value.is_list()) {
    return read_string_list(value, field, errors);
  }
  if (value.is_null() || value.is_map()) {
    expect_kind(value, Node::Kind::Scalar, field, "a string or a list of strings", errors);
    return std::nullopt;
  }
  std::optional<std::string> text = read_string(value, field, errors);
  if (!text) {
    return std::nullopt;
  }
  Result<std::vector<std::string>> words = split_shell_words(*text);
  if (!words) {
    errors.push_back(config_error(value.at, field, words.error().message));
    return std::nullopt;
  }
  return std::move(*words);
}

// `command` and `args` both replace the image's CMD (the arguments of its
// ENTRYPOINT); giving both is ambiguous.
void read_container_command(const Node& service, const std::string& field, core::ServiceSpec& spec,
                            Errors& errors) {
  const MapEntry* command = find_entry(service, "command");
  const MapEntry* args = find_entry(service, "args");
  if (command != nullptr && args != nullptr) {
    errors.push_back(config_error(args->key_at, join_field(field, "args"),
                                  "command and args both replace the image's CMD; use one"));
    return;
  }
  if (const MapEntry* given = command != nullptr ? command : args) {
    std::optional<std::vector<std::string>> argv =
        read_words(given->value, join_field(field, given->key), errors);
    if (argv) {
      spec.argv = std::move(*argv);
    }
  }
}

std::optional<core::PortMapping> parse_port_mapping(std::string text) {
  core::PortMapping mapping;
  if (size_t slash = text.find('/'); slash != std::string::npos) {
    mapping.protocol = text.substr(slash + 1);
    text.resize(slash);
    if (mapping.protocol != "tcp" && mapping.protocol != "udp" && mapping.protocol != "sctp") {
      return std::nullopt;
    }
  }
  size_t last = text.rfind(':');
  if (last == std::string::npos) {
    return std::nullopt;
  }
  std::string host = text.substr(0, last);
  if (size_t ip_end = host.rfind(':'); ip_end != std::string::npos) {
    mapping.host_ip = host.substr(0, ip_end);
    host = host.substr(ip_end + 1);
    if (mapping.host_ip.empty()) {
      return std::nullopt;
    }
  }
  std::optional<int> host_port = parse_port_number(host);
  std::optional<int> container_port = parse_port_number(std::string_view(text).substr(last + 1));
  if (!host_port || !container_port) {
    return std::nullopt;
  }
  mapping.host_port = *host_port;
  mapping.container_port = *container_port;
  return mapping;
}

void read_ports(const Node& value, const std::string& field, core::ContainerSpec& container,
                Errors& errors) {
  std::optional<std::vector<std::string>> items = read_string_list(value, field, errors);
  for (size_t i = 0; items && i < items->size(); ++i) {
    std::optional<core::PortMapping> mapping = parse_port_mapping((*items)[i]);
    if (!mapping) {
      errors.push_back(config_error(value.items[i].at, field + "[" + std::to_string(i) + "]",
                                    "invalid port \"" + (*items)[i] +
                                        "\"; expected [ip:]host:container[/tcp|udp|sctp], "
                                        "ports 1 to 65535"));
      continue;
    }
    container.ports.push_back(std::move(*mapping));
  }
}

// "host:container[:ro|rw]". A source that is not a path (no '/', not '.'
// or '~') is a named volume; a relative path is relative to the config file.
std::optional<core::VolumeMount> parse_volume(const std::string& text,
                                              const std::string& config_file) {
  core::VolumeMount mount;
  size_t first = text.find(':');
  if (first == std::string::npos || first == 0) {
    return std::nullopt;
  }
  mount.source = text.substr(0, first);
  std::string rest = text.substr(first + 1);
  if (size_t mode = rest.find(':'); mode != std::string::npos) {
    std::string flag = rest.substr(mode + 1);
    if (flag != "ro" && flag != "rw") {
      return std::nullopt;
    }
    mount.read_only = flag == "ro";
    rest.resize(mode);
  }
  mount.target = rest;
  if (mount.target.empty() || mount.target[0] != '/') {
    return std::nullopt;
  }
  mount.named = mount.source.find('/') == std::string::npos && mount.source[0] != '.';
  if (!mount.named) {
    std::filesystem::path source(mount.source);
    if (source.is_relative()) {
      source = std::filesystem::path(config_file).parent_path() / source;
    }
    mount.source = source.lexically_normal().string();
  }
  return mount;
}

void read_volumes(const Node& value, const std::string& field, const std::string& config_file,
                  core::ContainerSpec& container, Errors& errors) {
  std::optional<std::vector<std::string>> items = read_string_list(value, field, errors);
  for (size_t i = 0; items && i < items->size(); ++i) {
    std::optional<core::VolumeMount> mount = parse_volume((*items)[i], config_file);
    if (!mount) {
      errors.push_back(config_error(
          value.items[i].at, field + "[" + std::to_string(i) + "]",
          "invalid volume \"" + (*items)[i] +
              "\"; expected host-path-or-name:/container/path, optionally :ro or :rw"));
      continue;
    }
    container.volumes.push_back(std::move(*mount));
  }
}

void read_labels(const Node& value, const std::string& field, core::ContainerSpec& container,
                 Errors& errors) {
  if (!expect_kind(value, Node::Kind::Map, field, "a map of label: value", errors)) {
    return;
  }
  for (const MapEntry& label : value.entries) {
    if (label.key.rfind("drover.", 0) == 0) {
      errors.push_back(config_error(label.key_at, join_field(field, label.key),
                                    "labels starting with \"drover.\" are drover's own"));
      continue;
    }
    std::optional<std::string> text =
        read_string(label.value, join_field(field, label.key), errors);
    container.labels.emplace_back(label.key, text.value_or(""));
  }
}

// "0.5", "2": CPUs as a decimal with at most 9 fractional digits (Docker's NanoCpus).
void read_cpus(const Node& value, const std::string& field, core::ContainerSpec& container,
               Errors& errors) {
  std::optional<std::string> text = read_string(value, field, errors);
  if (!text) {
    return;
  }
  int64_t nanos = 0;
  int fraction_digits = -1;
  bool valid = !text->empty() && text->size() <= 15;
  for (char c : *text) {
    if (c == '.' && fraction_digits < 0) {
      fraction_digits = 0;
    } else if (c >= '0' && c <= '9' && fraction_digits < 9) {
      nanos = nanos * 10 + (c - '0');
      fraction_digits += fraction_digits >= 0 ? 1 : 0;
    } else {
      valid = false;
      break;
    }
  }
  for (int i = std::max(fraction_digits, 0); valid && i < 9; ++i) {
    nanos *= 10;
  }
  if (!valid || nanos <= 0) {
    errors.push_back(config_error(value.at, field,
                                  "invalid cpus " + describe(value) +
                                      "; expected a number of CPUs above 0, such as 0.5 or 2"));
    return;
  }
  container.nano_cpus = nanos;
}

void read_container_fields(const Node& service, const std::string& field,
                           const std::string& config_file, core::ContainerSpec& container,
                           Errors& errors) {
  if (const MapEntry* e = find_entry(service, "image")) {
    container.image =
        read_nonempty_string(e->value, join_field(field, "image"), errors).value_or("");
  }
  if (const MapEntry* e = find_entry(service, "entrypoint")) {
    container.entrypoint = read_words(e->value, join_field(field, "entrypoint"), errors);
  }
  if (const MapEntry* e = find_entry(service, "volumes")) {
    read_volumes(e->value, join_field(field, "volumes"), config_file, container, errors);
  }
  if (const MapEntry* e = find_entry(service, "ports")) {
    read_ports(e->value, join_field(field, "ports"), container, errors);
  }
  if (const MapEntry* e = find_entry(service, "network")) {
    container.network =
        read_nonempty_string(e->value, join_field(field, "network"), errors).value_or("");
  }
  if (const MapEntry* e = find_entry(service, "hostname")) {
    container.hostname =
        read_nonempty_string(e->value, join_field(field, "hostname"), errors).value_or("");
  }
  if (const MapEntry* e = find_entry(service, "labels")) {
    read_labels(e->value, join_field(field, "labels"), container, errors);
  }
  if (const MapEntry* e = find_entry(service, "pull")) {
    constexpr core::PullPolicy kByIndex[] = {core::PullPolicy::Missing, core::PullPolicy::Never,
                                             core::PullPolicy::Always};
    std::optional<size_t> pull =
        read_choice(e->value, join_field(field, "pull"), kPullPolicies, errors);
    container.pull = kByIndex[pull.value_or(0)];
  }
  if (const MapEntry* e = find_entry(service, "memory")) {
    container.memory_bytes = read_size(e->value, join_field(field, "memory"), errors).value_or(0);
  }
  if (const MapEntry* e = find_entry(service, "cpus")) {
    read_cpus(e->value, join_field(field, "cpus"), container, errors);
  }
}

}  // namespace

bool read_runtime(const Node& service, const std::string& field, core::ServiceSpec& spec,
                  Errors& errors) {
  if (const MapEntry* runtime = find_entry(service, "runtime")) {
    std::optional<size_t> kind =
        read_choice(runtime->value, join_field(field, "runtime"), kRuntimes, errors);
    if (!kind) {
      return false;
    }
    constexpr core::RuntimeKind kByIndex[] = {
        core::RuntimeKind::Process, core::RuntimeKind::Container, core::RuntimeKind::Remote};
    spec.runtime = kByIndex[*kind];
  }
  check_runtime_keys(service, field, spec.runtime, errors);
  return true;
}

void read_container(const Node& service, const SourceLocation& name_at, const std::string& field,
                    const std::string& config_file, core::ServiceSpec& spec, Errors& errors) {
  if (find_entry(service, "image") == nullptr) {
    errors.push_back(
        config_error(name_at, field, "no image; a service with runtime: container needs image"));
  }
  read_container_command(service, field, spec, errors);
  read_container_fields(service, field, config_file, spec.container, errors);
}

}  // namespace drover::config
