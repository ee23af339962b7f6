// The control API's TCP side (settings.http): address parsing and the
// loopback rule. Asio does the socket calls; the fd is handed to the server.
#include "api/tcp_listener.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <fcntl.h>

namespace drover::api {
namespace {

namespace asio = boost::asio;
using boost::system::error_code;

// "127.0.0.1:9001", "[::1]:9001", "localhost:9001" or ":9001" (all addresses).
Result<asio::ip::tcp::endpoint> parse_tcp_endpoint(const std::string& text) {
  size_t colon = text.rfind(':');
  auto bad = [&](const std::string& why) {
    return make_error(Errc::InvalidConfig,
                      "settings.http.listen: \"" + text + "\" is not host:port (" + why + ")");
  };
  if (colon == std::string::npos) {
    return bad("no port");
  }
  std::string host = text.substr(0, colon);
  std::string port_text = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) {
    host = "0.0.0.0";
  } else if (host == "localhost") {
    host = "127.0.0.1";
  }
  unsigned long port = 0;
  if (port_text.empty() || port_text.size() > 5 ||
      port_text.find_first_not_of("0123456789") != std::string::npos ||
      (port = std::stoul(port_text)) > 65535) {
    return bad("the port must be a number from 0 to 65535");
  }
  error_code ec;
  asio::ip::address address = asio::ip::make_address(host, ec);
  if (ec) {
    return bad("the host must be an IP address or localhost");
  }
  return asio::ip::tcp::endpoint(address, static_cast<unsigned short>(port));
}

}  // namespace

Result<TcpSocket> listen_tcp_socket(const std::string& address, bool has_credentials,
                                    bool insecure) {
  Result<asio::ip::tcp::endpoint> endpoint = parse_tcp_endpoint(address);
  if (!endpoint) {
    return endpoint.error();
  }
  if (!endpoint->address().is_loopback() && !has_credentials && !insecure) {
    return make_error(Errc::InvalidConfig,
                      "settings.http: refusing to serve the API on non-loopback address " +
                          address + " without auth (set auth, or insecure: true)");
  }
  asio::io_context io;  // Only to create the socket; the server adopts the fd.
  asio::ip::tcp::acceptor acceptor(io);
  error_code ec;
  acceptor.open(endpoint->protocol(), ec);
  if (!ec) {
    acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
  }
  if (!ec) {
    acceptor.bind(*endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return make_error(Errc::Io, "cannot listen on " + address + ": " + ec.message());
  }
  int family = endpoint->protocol().family();
  int fd = acceptor.release();
  // Asio does not set close-on-exec; the services must never inherit the API.
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return TcpSocket{fd, family};
}

}  // namespace drover::api
