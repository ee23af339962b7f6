#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace drover::core {

// Where an http or tcp probe connects. Parsed once when the config is read,
// and again by the prober (both call these, so they cannot disagree).
struct ProbeTarget {
  std::string host;
  std::string port;    // Service name or number, as the resolver takes it.
  std::string target;  // HTTP request target ("/healthz?x=1"); "/" when the URL has no path.
};

// "http://host[:port][/path]" (no https: probes talk to local services).
// IPv6 hosts in brackets. On failure returns nullopt and sets `why`.
std::optional<ProbeTarget> parse_http_url(std::string_view url, std::string& why);

// "host:port", "[v6]:port" or ":port" (localhost).
std::optional<ProbeTarget> parse_tcp_address(std::string_view address, std::string& why);

}  // namespace drover::core
