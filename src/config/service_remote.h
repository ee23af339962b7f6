#pragma once

#include "config/config_error.h"
#include "config/node.h"
#include "config/service_reader.h"
#include "core/model.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace drover::config {

// "[user@]host[:port]" ("[v6]:port" for an IPv6 address with a port).
struct Destination {
  std::string user;
  std::string address;
  int port = 0;
};
std::optional<Destination> parse_destination(std::string_view text);

// `hosts:` entries by name: address, user, port and their ssh options.
using Hosts = std::map<std::string, core::RemoteSpec, std::less<>>;

// host, ssh, on_disconnect -> spec.remote (the host as written; resolved
// later, once `hosts:` is known). A missing host is an error at the name.
void read_remote(const Node& service, const SourceLocation& name_at, const std::string& field,
                 const std::string& config_file, ServiceRead& out, Errors& errors);
// settings.ssh -> `ssh`.
void read_ssh_settings(const Node& value, const std::string& config_file, core::SshOptions& ssh,
                       Errors& errors);
// The top-level `hosts:` map.
Hosts read_hosts(const Node& value, const std::string& config_file, Errors& errors);
// Gives each remote service its destination (a `hosts:` name, else parsed as
// [user@]host[:port]) and its ssh options: its own, then the host's, then
// `defaults`. REQUIRES: where.size() == services.size().
void resolve_remote_hosts(std::vector<core::ServiceSpec>& services,
                          const std::vector<ServiceLocations>& where, const Hosts& hosts,
                          const core::SshOptions& defaults, Errors& errors);

}  // namespace drover::config
