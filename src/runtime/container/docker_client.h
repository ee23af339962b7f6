#pragma once

#include "runtime/container/docker_endpoint.h"

#include <boost/asio/io_context.hpp>
#include <boost/beast/http/verb.hpp>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace drover::runtime {

// The Engine API over Beast, on the event loop; one connection per request,
// so a slow call (wait, attach) never holds up another. Paths are given
// without the version prefix ("/containers/json"); kDockerApiVersion is added.

struct DockerReply {
  int status = 0;       // HTTP status; 0 when the engine could not be reached.
  std::string body;     // The response body (JSON, or the engine's message).
  std::string failure;  // Why there is no reply (status 0): "connection refused".

  // {"message": "..."} bodies, as the engine words its errors; else the body.
  std::string message() const;
};

// Percent-encodes a path segment or query value (image names hold '/' and ':').
std::string url_encode(std::string_view text);

// One request; `done` is called once, never from inside this call.
void docker_request(boost::asio::io_context& io, const DockerEndpoint& endpoint,
                    boost::beast::http::verb verb, std::string target, std::string body,
                    std::function<void(DockerReply)> done);

// POST /containers/{id}/attach?stream=1&stdout=1&stderr=1: after the reply's
// header the connection carries the container's raw multiplexed output until
// it ends. `attached` is called once the header is in (start the container
// then, so that no output is missed); `data` gets the bytes as they come;
// `end` once, with "" when the stream ended normally (the container's output
// is closed) or the reason. close_attach() ends it early, silently.
class DockerAttach;
struct AttachCallbacks {
  std::function<void()> attached;
  std::function<void(std::string_view)> data;
  std::function<void(std::string)> end;
};
std::shared_ptr<DockerAttach> docker_attach(boost::asio::io_context& io,
                                            const DockerEndpoint& endpoint,
                                            const std::string& container_id,
                                            AttachCallbacks callbacks);
// The same for any request whose answer takes over the connection: POST
// /exec/{id}/start with {"Detach": false} streams the exec's output so.
std::shared_ptr<DockerAttach> docker_hijack(boost::asio::io_context& io,
                                            const DockerEndpoint& endpoint, std::string target,
                                            std::string body, AttachCallbacks callbacks);
void close_attach(DockerAttach& attach);

}  // namespace drover::runtime
