#include "runtime/process/stdin_writer.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace drover::runtime {

StdinWriter::StdinWriter(boost::asio::io_context& io, UniqueFd write_end)
    : pipe_(io, write_end.release()) {}

StdinWriter::~StdinWriter() {
  boost::system::error_code ignored;
  pipe_.cancel(ignored);
}

void StdinWriter::write(std::string bytes) {
  if (broken_ || bytes.empty()) {
    return;
  }
  queue_.push_back(std::move(bytes));
  if (!waiting_) {
    flush();
  }
}

// Writes without blocking (the descriptor is O_NONBLOCK) until the queue is
// empty or the pipe is full, then waits for it to become writable.
void StdinWriter::flush() {
  while (!queue_.empty()) {
    const std::string& front = queue_.front();
    ssize_t n = ::write(pipe_.native_handle(), front.data() + offset_, front.size() - offset_);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      waiting_ = true;
      pipe_.async_wait(boost::asio::posix::stream_descriptor::wait_write,
                       [this](boost::system::error_code ec) {
                         waiting_ = false;
                         if (!ec) {
                           flush();
                         }
                       });
      return;
    }
    if (n < 0) {
      broken_ = true;  // EPIPE: the listener closed stdin or exited.
      queue_.clear();
      return;
    }
    offset_ += static_cast<size_t>(n);
    if (offset_ == front.size()) {
      queue_.pop_front();
      offset_ = 0;
    }
  }
}

bool open_stdin_pipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) < 0) {
    return false;
  }
  read_end = UniqueFd(fds[0]);
  write_end = UniqueFd(fds[1]);
  return true;
}

}  // namespace drover::runtime
