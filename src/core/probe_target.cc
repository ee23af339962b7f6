// Probe addresses. Deliberately small: a probe URL names a local endpoint,
// so user info, https and fragments are refused rather than half-supported.
#include "core/probe_target.h"

namespace drover::core {
namespace {

bool valid_port(std::string_view port) {
  if (port.empty() || port.size() > 5) {
    return false;
  }
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') {
      return false;
    }
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value >= 1 && value <= 65535;
}

// "host:port" or "[v6]:port" into target.host and target.port.
bool split_host_port(std::string_view text, bool port_required, ProbeTarget& target,
                     std::string& why) {
  std::string_view host = text;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    size_t close = text.find(']');
    if (close == std::string_view::npos) {
      why = "unterminated [ in the host";
      return false;
    }
    host = text.substr(1, close - 1);
    std::string_view rest = text.substr(close + 1);
    if (!rest.empty() && rest.front() == ':') {
      port = rest.substr(1);
    } else if (!rest.empty()) {
      why = "unexpected text after ]";
      return false;
    }
  } else if (size_t colon = text.rfind(':'); colon != std::string_view::npos) {
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (port.empty() && port_required) {
    why = "expected host:port";
    return false;
  }
  if (!port.empty() && !valid_port(port)) {
    why = "invalid port \"" + std::string(port) + "\"; expected 1 to 65535";
    return false;
  }
  target.host = host.empty() ? "127.0.0.1" : std::string(host);
  target.port = port.empty() ? "80" : std::string(port);
  return true;
}

}  // namespace

std::optional<ProbeTarget> parse_http_url(std::string_view url, std::string& why) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) {
    why = url.substr(0, 8) == "https://" ? "https is not supported; probe the plain http port"
                                         : "expected a URL starting with http://";
    return std::nullopt;
  }
  std::string_view rest = url.substr(kScheme.size());
  size_t slash = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, slash);
  if (authority.empty() || authority.find('@') != std::string_view::npos) {
    why = authority.empty() ? "the URL has no host" : "user info in the URL is not supported";
    return std::nullopt;
  }
  ProbeTarget target;
  if (!split_host_port(authority, false, target, why)) {
    return std::nullopt;
  }
  std::string path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  if (path.front() == '?') {
    path.insert(0, "/");
  }
  target.target = path.substr(0, path.find('#'));
  return target;
}

std::optional<ProbeTarget> parse_tcp_address(std::string_view address, std::string& why) {
  ProbeTarget target;
  if (!split_host_port(address, true, target, why)) {
    return std::nullopt;
  }
  return target;
}

}  // namespace drover::core
