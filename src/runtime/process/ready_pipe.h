#pragma once

#include "base/unique_fd.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <functional>

namespace drover::runtime {

// s6-style readiness (`ready: {fd: N}`): the read end of the pipe whose write
// end the service holds as fd N. The first newline calls `on_ready` once;
// EOF without one (the service closed the fd or exited) calls nothing. Reads
// only when readable, so it never blocks the loop.
class ReadyPipe {
 public:
  ReadyPipe(boost::asio::io_context& io, UniqueFd read_end, std::function<void()> on_ready);
  ~ReadyPipe();

 private:
  void watch();

  boost::asio::posix::stream_descriptor pipe_;
  std::function<void()> on_ready_;
};

}  // namespace drover::runtime
