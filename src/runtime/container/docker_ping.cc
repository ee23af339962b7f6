// The one request of the first slice, over either socket kind. Beast writes
// and reads HTTP/1.1 on any Asio stream, so unix and tcp share the code.
#include "runtime/container/docker_ping.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <memory>

namespace drover::runtime {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using Done = std::function<void(std::optional<std::string>)>;

template <typename Socket>
struct Ping : std::enable_shared_from_this<Ping<Socket>> {
  Ping(asio::io_context& io, Done callback) : socket(io), done(std::move(callback)) {
    request.method(http::verb::get);
    request.target("/" + std::string(kDockerApiVersion) + "/_ping");
    request.set(http::field::host, "docker");
    request.version(11);
  }

  void finish(std::optional<std::string> failure) {
    boost::system::error_code ignored;
    socket.close(ignored);
    done(std::move(failure));
  }

  void connected(boost::system::error_code ec) {
    if (ec) {
      return finish(ec.message());
    }
    http::async_write(
        socket, request, [self = this->shared_from_this()](boost::system::error_code wec, size_t) {
          if (wec) {
            return self->finish(wec.message());
          }
          http::async_read(self->socket, self->buffer, self->response,
                           [self](boost::system::error_code rec, size_t) { self->answered(rec); });
        });
  }

  void answered(boost::system::error_code ec) {
    if (ec) {
      return finish(ec.message());
    }
    if (response.result() != http::status::ok) {
      return finish("HTTP " + std::to_string(response.result_int()) + " " + response.body());
    }
    finish(std::nullopt);
  }

  Socket socket;
  Done done;
  http::request<http::empty_body> request;
  http::response<http::string_body> response;
  boost::beast::flat_buffer buffer;
};

}  // namespace

void ping_docker(asio::io_context& io, const DockerEndpoint& endpoint, Done done) {
  if (endpoint.kind == DockerEndpoint::Kind::Unix) {
    auto ping = std::make_shared<Ping<asio::local::stream_protocol::socket>>(io, std::move(done));
    ping->socket.async_connect(asio::local::stream_protocol::endpoint(endpoint.path),
                               [ping](boost::system::error_code ec) { ping->connected(ec); });
    return;
  }
  auto ping = std::make_shared<Ping<asio::ip::tcp::socket>>(io, std::move(done));
  auto resolver = std::make_shared<asio::ip::tcp::resolver>(io);
  resolver->async_resolve(
      endpoint.host, endpoint.port,
      [ping, resolver](boost::system::error_code ec, asio::ip::tcp::resolver::results_type found) {
        if (ec) {
          return ping->finish(ec.message());
        }
        asio::async_connect(ping->socket, found,
                            [ping](boost::system::error_code cec, const asio::ip::tcp::endpoint&) {
                              ping->connected(cec);
                            });
      });
}

}  // namespace drover::runtime
