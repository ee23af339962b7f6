#pragma once

#include "base/result.h"

#include <string>

namespace drover::api {

struct TcpSocket {
  int fd = -1;  // Listening, close-on-exec, non-blocking; the caller owns it.
  int family = 0;
};

// Listens on "host:port" ("127.0.0.1:9001", "[::1]:9001", "localhost:9001",
// or ":9001" for every address). A non-loopback address is refused when the
// listener `has_credentials` is false, unless `insecure`: an API that can
// start and stop processes must not be open to the network by accident.
Result<TcpSocket> listen_tcp_socket(const std::string& address, bool has_credentials,
                                    bool insecure);

}  // namespace drover::api
