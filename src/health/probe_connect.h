#pragma once

#include "core/probe_target.h"
#include "health/probe.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <string>

namespace drover::health {

// What an http and a tcp probe share: the connection, its deadline, and
// reporting exactly once (later completions find `done` empty).
struct ProbeConnection {
  ProbeConnection(boost::asio::io_context& io, ProbeDone callback)
      : resolver(io), socket(io), timer(io), done(std::move(callback)) {}

  // Reports the result once, cancelling whatever is still pending.
  void finish(bool passed, std::string output) {
    if (!done) {
      return;
    }
    timer.cancel();
    boost::system::error_code ignored;
    socket.close(ignored);
    resolver.cancel();
    ProbeReport report{
        passed, std::move(output),
        std::chrono::duration_cast<core::Duration>(std::chrono::steady_clock::now() - started)};
    ProbeDone callback = std::move(done);
    done = nullptr;
    callback(std::move(report));
  }

  boost::asio::ip::tcp::resolver resolver;
  boost::asio::ip::tcp::socket socket;
  boost::asio::steady_timer timer;
  ProbeDone done;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

// Resolves `target` (IP literals and "localhost" without a lookup) and hands
// the endpoints to `next`, or the error. Shared by the http and tcp probes.
void resolve_target(
    boost::asio::ip::tcp::resolver& resolver, const core::ProbeTarget& target,
    std::function<void(boost::system::error_code, boost::asio::ip::tcp::resolver::results_type)>
        next);

}  // namespace drover::health
