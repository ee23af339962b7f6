#pragma once

#include "core/model.h"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <string>

namespace drover::health {

// The outcome of one network probe, in the terms `drover status` shows.
struct ProbeReport {
  bool passed = false;
  std::string output;  // "HTTP 200", "connected", "connection refused", "timed out after 5s".
  core::Duration elapsed{0};
};
using ProbeDone = std::function<void(ProbeReport)>;

// One HTTP GET of spec.http_url on the event loop (Beast), passing on a
// status in spec.http_status (200-399 when empty). Never blocks; the whole
// exchange (connect, request, response) is bounded by spec.timeout. Calls
// `done` exactly once, never from inside this call. A host that is not an IP
// literal is resolved with Asio's resolver, which runs getaddrinfo on its own
// helper thread; "localhost" is taken as 127.0.0.1 without resolving.
void probe_http(boost::asio::io_context& io, const core::HealthSpec& spec, ProbeDone done);

// A TCP connect to spec.tcp_address, closed as soon as it succeeds.
// Same guarantees as probe_http.
void probe_tcp(boost::asio::io_context& io, const core::HealthSpec& spec, ProbeDone done);

}  // namespace drover::health
