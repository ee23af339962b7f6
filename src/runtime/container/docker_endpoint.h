#pragma once

#include "base/result.h"

#include <string>
#include <string_view>

namespace drover::runtime {

// Where the Docker Engine API listens: DOCKER_HOST's unix:// or tcp:// form,
// /var/run/docker.sock when it is unset. Podman's compatible socket is given
// the same way (DOCKER_HOST=unix:///run/podman/podman.sock).
struct DockerEndpoint {
  enum class Kind { Unix, Tcp };
  Kind kind = Kind::Unix;
  std::string path;  // Kind::Unix: the socket file.
  std::string host;  // Kind::Tcp.
  std::string port;  // Kind::Tcp.

  // For messages: the socket path, or host:port.
  std::string describe() const { return kind == Kind::Unix ? path : host + ":" + port; }
};

// The API version drover speaks: Docker 20.10 (Debian 12's docker.io) serves
// 1.41, and newer engines still accept it.
inline constexpr std::string_view kDockerApiVersion = "v1.41";

// `docker_host` is DOCKER_HOST's value; empty means the default socket.
Result<DockerEndpoint> parse_docker_host(std::string_view docker_host);

}  // namespace drover::runtime
