// `runtime: remote` (issue #8): `host`, `ssh` and `on_disconnect` on a
// service, the `hosts:` map and `settings.ssh`, and the resolution that
// gives every remote service one destination and one set of ssh options
// (service `ssh:` over its `hosts:` entry over `settings.ssh`).
#include "config/service_remote.h"

#include "config/field_reader.h"

#include <filesystem>

namespace drover::config {
namespace {

const std::vector<std::string> kSshKeys = {"identity_file", "known_hosts",
                                           "strict_host_key_checking", "connect_timeout"};
const std::vector<std::string> kHostKeys = {"address", "identity_file", "known_hosts",
                                            "strict_host_key_checking", "connect_timeout"};
const std::vector<std::string> kOnDisconnect = {"adopt", "restart"};

// A path in the config, relative to the config file's directory; "~/" is
// left for ssh to expand (it knows whose home is meant).
std::string config_relative(const std::string& path, const std::string& config_file) {
  if (path.empty() || path[0] == '/' || path[0] == '~') {
    return path;
  }
  return (std::filesystem::path(config_file).parent_path() / path).lexically_normal().string();
}

void read_ssh_fields(const Node& map, const std::string& field, const std::string& config_file,
                     core::SshOptions& ssh, Errors& errors) {
  if (const MapEntry* e = find_entry(map, "identity_file")) {
    ssh.identity_file = config_relative(
        read_nonempty_string(e->value, join_field(field, e->key), errors).value_or(""),
        config_file);
  }
  if (const MapEntry* e = find_entry(map, "known_hosts")) {
    ssh.known_hosts = config_relative(
        read_nonempty_string(e->value, join_field(field, e->key), errors).value_or(""),
        config_file);
  }
  if (const MapEntry* e = find_entry(map, "strict_host_key_checking")) {
    ssh.strict_host_key_checking = read_bool(e->value, join_field(field, e->key), errors);
  }
  if (const MapEntry* e = find_entry(map, "connect_timeout")) {
    ssh.connect_timeout = read_duration(e->value, join_field(field, e->key), errors);
  }
}

}  // namespace

std::optional<Destination> parse_destination(std::string_view text) {
  Destination out;
  if (size_t at = text.rfind('@'); at != std::string_view::npos) {
    out.user = std::string(text.substr(0, at));
    text.remove_prefix(at + 1);
    if (out.user.empty()) {
      return std::nullopt;
    }
  }
  std::string_view port;
  if (!text.empty() && text.front() == '[') {  // [v6-address]:port
    size_t close = text.find(']');
    if (close == std::string_view::npos) {
      return std::nullopt;
    }
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || rest.size() == 1)) {
      return std::nullopt;
    }
    port = rest.empty() ? rest : rest.substr(1);
    text = text.substr(1, close - 1);
  } else if (size_t colon = text.find(':'); colon != std::string_view::npos) {
    if (text.find(':', colon + 1) != std::string_view::npos) {
      out.address = std::string(text);  // A bare IPv6 address has no port.
      return out;
    }
    port = text.substr(colon + 1);
    text = text.substr(0, colon);
    if (port.empty()) {
      return std::nullopt;
    }
  }
  if (text.empty() || text.find_first_of(" \t/") != std::string_view::npos || text.front() == '-') {
    return std::nullopt;
  }
  out.address = std::string(text);
  if (!port.empty()) {
    std::optional<int> number = parse_port_number(port);
    if (!number) {
      return std::nullopt;
    }
    out.port = *number;
  }
  return out;
}

void read_remote(const Node& service, const SourceLocation& name_at, const std::string& field,
                 const std::string& config_file, ServiceRead& out, Errors& errors) {
  core::RemoteSpec& remote = out.spec.remote;
  if (const MapEntry* host = find_entry(service, "host")) {
    remote.host_name =
        read_nonempty_string(host->value, join_field(field, "host"), errors).value_or("");
    out.where.host_at = host->value.at;
  } else {
    errors.push_back(config_error(name_at, field,
                                  "no host; a service with runtime: remote needs host "
                                  "([user@]host[:port] or a name from hosts:)"));
  }
  if (const MapEntry* ssh = find_entry(service, "ssh")) {
    std::string ssh_field = join_field(field, "ssh");
    if (expect_kind(ssh->value, Node::Kind::Map, ssh_field, "a map of ssh options", errors)) {
      check_keys(ssh->value, ssh_field, kSshKeys, errors);
      read_ssh_fields(ssh->value, ssh_field, config_file, remote.ssh, errors);
    }
  }
  if (const MapEntry* e = find_entry(service, "on_disconnect")) {
    std::optional<size_t> choice =
        read_choice(e->value, join_field(field, "on_disconnect"), kOnDisconnect, errors);
    remote.on_disconnect = choice == 1u ? core::OnDisconnect::Restart : core::OnDisconnect::Adopt;
  }
}

void read_ssh_settings(const Node& value, const std::string& config_file, core::SshOptions& ssh,
                       Errors& errors) {
  if (expect_kind(value, Node::Kind::Map, "settings.ssh", "a map of ssh options", errors)) {
    check_keys(value, "settings.ssh", kSshKeys, errors);
    read_ssh_fields(value, "settings.ssh", config_file, ssh, errors);
  }
}

Hosts read_hosts(const Node& value, const std::string& config_file, Errors& errors) {
  Hosts hosts;
  if (value.is_null() ||
      !expect_kind(value, Node::Kind::Map, "hosts", "a map of name: host", errors)) {
    return hosts;
  }
  for (const MapEntry& entry : value.entries) {
    std::string field = join_field("hosts", entry.key);
    if (!expect_kind(entry.value, Node::Kind::Map, field, "a map with address", errors)) {
      continue;
    }
    check_keys(entry.value, field, kHostKeys, errors);
    core::RemoteSpec host;
    host.host_name = entry.key;
    const MapEntry* address = find_entry(entry.value, "address");
    if (address == nullptr) {
      errors.push_back(config_error(entry.key_at, field, "no address ([user@]host[:port])"));
      continue;
    }
    std::optional<std::string> text =
        read_nonempty_string(address->value, join_field(field, "address"), errors);
    std::optional<Destination> destination = text ? parse_destination(*text) : std::nullopt;
    if (text && !destination) {
      errors.push_back(
          config_error(address->value.at, join_field(field, "address"),
                       "invalid address \"" + *text + "\"; expected [user@]host[:port]"));
    }
    if (destination) {
      host.address = destination->address;
      host.user = destination->user;
      host.port = destination->port;
    }
    read_ssh_fields(entry.value, field, config_file, host.ssh, errors);
    hosts.emplace(entry.key, std::move(host));
  }
  return hosts;
}

void resolve_remote_hosts(std::vector<core::ServiceSpec>& services,
                          const std::vector<ServiceLocations>& where, const Hosts& hosts,
                          const core::SshOptions& defaults, Errors& errors) {
  for (size_t i = 0; i < services.size(); ++i) {
    core::RemoteSpec& remote = services[i].remote;
    if (services[i].runtime != core::RuntimeKind::Remote || remote.host_name.empty()) {
      continue;
    }
    if (auto named = hosts.find(remote.host_name); named != hosts.end()) {
      remote.address = named->second.address;
      remote.user = named->second.user;
      remote.port = named->second.port;
      remote.ssh.inherit(named->second.ssh);
    } else if (std::optional<Destination> destination = parse_destination(remote.host_name)) {
      remote.address = destination->address;
      remote.user = destination->user;
      remote.port = destination->port;
    } else {
      errors.push_back(config_error(where[i].host_at, "services." + services[i].name + ".host",
                                    "invalid host \"" + remote.host_name +
                                        "\"; expected [user@]host[:port] or a name from hosts:"));
    }
    remote.ssh.inherit(defaults);
  }
}

}  // namespace drover::config
