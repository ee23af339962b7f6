// The receiving side of sd_notify(3). Datagrams are read when the socket is
// readable, so a service that floods it costs drover a bounded read per turn
// of the loop, like any other input.
#include "health/notify_socket.h"

namespace drover::health {

namespace asio = boost::asio;
using datagram = asio::local::datagram_protocol;

NotifySocket::NotifySocket(asio::io_context& io, std::string name, AssignmentFn on_assignment)
    : name_(std::move(name)), socket_(io), on_assignment_(std::move(on_assignment)) {
  boost::system::error_code ec;
  socket_.open(datagram(), ec);
  if (!ec) {
    // A leading NUL byte puts the name in the abstract namespace.
    socket_.bind(datagram::endpoint(std::string(1, '\0') + name_), ec);
  }
  ok_ = !ec;
  if (ok_) {
    receive();
  }
}

NotifySocket::~NotifySocket() {
  boost::system::error_code ignored;
  socket_.close(ignored);
}

void NotifySocket::receive() {
  socket_.async_receive(asio::buffer(buffer_), [this](boost::system::error_code ec, size_t n) {
    if (ec) {
      return;  // Closed (the instance is gone), or a socket error: stop listening.
    }
    std::string_view text(buffer_.data(), n);
    while (!text.empty()) {
      size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      size_t equals = line.find('=');
      if (equals != std::string_view::npos) {
        on_assignment_(line.substr(0, equals), line.substr(equals + 1));
      }
    }
    receive();
  });
}

}  // namespace drover::health
