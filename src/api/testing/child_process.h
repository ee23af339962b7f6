#pragma once

#include <boost/asio/io_context.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace drover::api::testing {

struct ChildResult {
  int exit_code = -1;  // -1 when killed by a signal (or at the deadline).
  std::string out;
  std::string err;
};

// Forks a child that runs `body` with its stdout and stderr on pipes and
// exits with body's return value. Meanwhile the parent runs `io`, so a server
// on `io` can answer the child: client and server are separate processes and
// the io_context stays single-threaded. At the deadline the child is killed.
ChildResult run_child(boost::asio::io_context& io, const std::function<int()>& body,
                      std::chrono::seconds deadline = std::chrono::seconds(30));

// run_child() of an exec'd program (searched in PATH).
ChildResult run_program(boost::asio::io_context& io, const std::vector<std::string>& argv);

// For a child body: connects to the unix socket at `path`, writes `request`,
// half-closes (unless `half_close` is false), and prints everything the
// server sends until it closes, or until what it sent contains `until` (when
// not empty), when it closes the connection itself. Returns 0, or 1 (with a
// message on stderr) when connect fails.
int raw_exchange(const std::string& path, const std::string& request, bool half_close = true,
                 std::string_view until = {});

}  // namespace drover::api::testing
