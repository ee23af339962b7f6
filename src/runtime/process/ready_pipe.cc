// The read end of a service's readiness fd. s6 (s6-notifyoncheck,
// notification-fd) defines readiness as "a newline was written"; anything
// before the newline is ignored, and the pipe is closed after it so a chatty
// service cannot make drover read forever.
#include "runtime/process/ready_pipe.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <unistd.h>

namespace drover::runtime {

ReadyPipe::ReadyPipe(boost::asio::io_context& io, UniqueFd read_end, std::function<void()> on_ready)
    : pipe_(io, read_end.release()), on_ready_(std::move(on_ready)) {
  watch();
}

ReadyPipe::~ReadyPipe() {
  boost::system::error_code ignored;
  pipe_.close(ignored);
}

void ReadyPipe::watch() {
  pipe_.async_wait(
      boost::asio::posix::stream_descriptor::wait_read, [this](boost::system::error_code ec) {
        if (ec) {
          return;  // Closed: the instance is gone.
        }
        std::array<char, 256> buffer;
        for (;;) {
          ssize_t n = ::read(pipe_.native_handle(), buffer.data(), buffer.size());
          if (n < 0 && errno == EINTR) {
            continue;
          }
          if (n < 0 && errno == EAGAIN) {
            watch();
            return;
          }
          if (n <= 0) {
            pipe_.close(ec);  // EOF without a newline: never ready.
            return;
          }
          if (std::find(buffer.begin(), buffer.begin() + n, '\n') != buffer.begin() + n) {
            pipe_.close(ec);
            on_ready_();
            return;
          }
        }
      });
}

}  // namespace drover::runtime
