#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/local/datagram_protocol.hpp>

#include <array>
#include <functional>
#include <string>
#include <string_view>

namespace drover::health {

// One service instance's end of systemd's NOTIFY_SOCKET protocol: a unix
// datagram socket in the abstract namespace ("@drover/<pid>/<instance>"), so
// there is no file to clean up and no directory to choose. Each datagram is
// newline-separated KEY=VALUE assignments (READY=1, STATUS=..., WATCHDOG=1,
// MAINPID=...); each assignment goes to `on_assignment`. Any process that
// knows the name may send, as with systemd's NotifyAccess=all; the name is
// only in the service's environment.
class NotifySocket {
 public:
  using AssignmentFn = std::function<void(std::string_view key, std::string_view value)>;

  // Binds at once; on failure `ok()` is false and nothing is received.
  NotifySocket(boost::asio::io_context& io, std::string name, AssignmentFn on_assignment);
  ~NotifySocket();

  bool ok() const { return ok_; }
  // The value for NOTIFY_SOCKET: "@" + name.
  std::string address() const { return "@" + name_; }

 private:
  void receive();

  std::string name_;
  boost::asio::local::datagram_protocol::socket socket_;
  std::array<char, 4096> buffer_{};
  AssignmentFn on_assignment_;
  bool ok_ = false;
};

}  // namespace drover::health
