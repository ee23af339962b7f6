#pragma once

#include "runtime/container/docker_endpoint.h"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <optional>
#include <string>

namespace drover::runtime {

// GET /<version>/_ping on `endpoint`, asynchronously. `done` gets nullopt
// when the engine answered 200 "OK", else the reason it could not be reached
// ("No such file or directory", "connection refused", "HTTP 500 ...").
// Never called from inside this function.
void ping_docker(boost::asio::io_context& io, const DockerEndpoint& endpoint,
                 std::function<void(std::optional<std::string>)> done);

}  // namespace drover::runtime
