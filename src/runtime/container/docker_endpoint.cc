#include "runtime/container/docker_endpoint.h"

namespace drover::runtime {

Result<DockerEndpoint> parse_docker_host(std::string_view docker_host) {
  DockerEndpoint endpoint;
  if (docker_host.empty()) {
    endpoint.path = "/var/run/docker.sock";
    return endpoint;
  }
  constexpr std::string_view kUnix = "unix://";
  constexpr std::string_view kTcp = "tcp://";
  if (docker_host.substr(0, kUnix.size()) == kUnix && docker_host.size() > kUnix.size()) {
    endpoint.path = std::string(docker_host.substr(kUnix.size()));
    return endpoint;
  }
  if (docker_host.substr(0, kTcp.size()) == kTcp) {
    std::string_view rest = docker_host.substr(kTcp.size());
    rest = rest.substr(0, rest.find('/'));
    size_t colon = rest.rfind(':');
    endpoint.kind = DockerEndpoint::Kind::Tcp;
    endpoint.host = std::string(rest.substr(0, colon));
    // Docker's own default for tcp:// without a port is 2375 (no TLS).
    endpoint.port = colon == std::string_view::npos ? "2375" : std::string(rest.substr(colon + 1));
    if (!endpoint.host.empty() && !endpoint.port.empty()) {
      return endpoint;
    }
  }
  return make_error(Errc::InvalidArgument,
                    "DOCKER_HOST=" + std::string(docker_host) +
                        " is not supported; use unix:///path/to/docker.sock or tcp://host:port");
}

}  // namespace drover::runtime
