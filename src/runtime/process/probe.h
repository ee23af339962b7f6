#pragma once

#include "runtime/process/process_runtime.h"
#include "runtime/process/spawn.h"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <string>
#include <unistd.h>

namespace drover::runtime {

inline constexpr size_t kProbeOutputLimit = 4096;

// One running probe command of the process runtime (probe_runner.cc).
struct ProcessRuntime::Probe {
  Probe(boost::asio::io_context& io, SpawnedChild& child)
      : out(io, child.stdout_pipe.release()), err(io, child.stderr_pipe.release()), timer(io) {}

  std::array<boost::asio::posix::stream_descriptor*, 2> pipes() { return {&out, &err}; }

  // Reads what `pipe` has now, keeping the first kProbeOutputLimit bytes.
  // Returns false at EOF or on an error.
  bool read_available(boost::asio::posix::stream_descriptor& pipe) {
    std::array<char, 4096> buffer;
    for (;;) {
      ssize_t n = ::read(pipe.native_handle(), buffer.data(), buffer.size());
      if (n > 0) {
        size_t room = kProbeOutputLimit - std::min(kProbeOutputLimit, output.size());
        output.append(buffer.data(), std::min(static_cast<size_t>(n), room));
        continue;
      }
      if (n < 0 && errno == EINTR) {
        continue;
      }
      return n < 0 && errno == EAGAIN;
    }
  }

  boost::asio::posix::stream_descriptor out;
  boost::asio::posix::stream_descriptor err;
  boost::asio::steady_timer timer;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
  bool timed_out = false;
  std::string output;
  ProbeCallback done;
};

}  // namespace drover::runtime
