#pragma once

#include "base/unique_fd.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <deque>
#include <string>

namespace drover::runtime {

// The write end of a service's stdin pipe (event listeners). Bytes are queued
// and written when the pipe is writable, so a listener that does not read
// never blocks the loop; once the reader is gone (EPIPE) the rest is dropped.
class StdinWriter {
 public:
  StdinWriter(boost::asio::io_context& io, UniqueFd write_end);
  ~StdinWriter();

  void write(std::string bytes);
  // The reader closed the pipe or exited: later bytes go nowhere.
  bool broken() const { return broken_; }

 private:
  void flush();

  boost::asio::posix::stream_descriptor pipe_;
  std::deque<std::string> queue_;
  size_t offset_ = 0;  // Bytes of queue_.front() already written.
  bool waiting_ = false;
  bool broken_ = false;
};

// A close-on-exec pipe for a listener's stdin; false (errno set) on failure.
bool open_stdin_pipe(UniqueFd& read_end, UniqueFd& write_end);

}  // namespace drover::runtime
