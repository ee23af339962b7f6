// The control socket's HTTP/1.1 server: an accept loop and one coroutine per
// connection (the Asio listener/session shape). Beast does the framing; the
// answer comes from handle_request(), so everything here is transport.
// Errors are values (as_tuple), and every coroutine is spawned through
// spawn_logged, so a failing peer can only ever end its own connection.
#include "api/http_server.h"

#include "api/access.h"
#include "api/http_framing.h"
#include "api/http_tail_stream.h"
#include "api/log_follow.h"
#include "api/router.h"
#include "api/spawn_logged.h"
#include "api/tcp_listener.h"
#include "api/unix_listener.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/chunk_encode.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <iostream>
#include <optional>
#include <unistd.h>
#include <unordered_map>
#include <utility>

namespace drover::api {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
// One socket type for unix and TCP connections: the protocol is a runtime
// property, so both listeners share every line of the connection code.
using Socket = asio::generic::stream_protocol::socket;
using Acceptor = asio::basic_socket_acceptor<asio::generic::stream_protocol>;
using boost::system::error_code;

constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);
// After a failed accept (EMFILE, ENOBUFS) wait before retrying, so a
// persistent failure does not become a busy loop.
constexpr std::chrono::milliseconds kAcceptRetryDelay{100};
// supervisord's polling period for deferred XML-RPC answers.
constexpr std::chrono::milliseconds kDeferredPoll{50};

// A connection, owned by its coroutine frame. `busy` is set while a request
// is being answered, so close() lets that response go out first.
// `end_stream` is set while a follow stream runs: close() calls it so the
// stream ends with its terminating chunk instead of being cut off.
struct Connection {
  Socket socket;
  const AccessPolicy& access;
  bool busy = false;
  std::function<void()> end_stream;
};

// One listening socket and who may use it.
struct Listener {
  Acceptor acceptor;
  AccessPolicy access;
  std::string unix_path;  // Set while we own a socket file there.
};

// Clears a connection's end_stream when a stream's frame ends, however it ends.
struct StreamRegistration {
  Connection& connection;
  ~StreamRegistration() { connection.end_stream = nullptr; }
};

// Lists a connection in the server's table for as long as its coroutine
// frame lives, whichever way the coroutine ends.
class Registration {
 public:
  using Table = std::unordered_map<uint64_t, Connection*>;
  Registration(Table& table, uint64_t id, Connection& connection, std::function<void()> on_erase)
      : table_(table), id_(id), on_erase_(std::move(on_erase)) {
    table_.emplace(id_, &connection);
  }
  ~Registration() {
    table_.erase(id_);
    on_erase_();
  }
  Registration(const Registration&) = delete;
  Registration& operator=(const Registration&) = delete;

 private:
  Table& table_;
  uint64_t id_;
  std::function<void()> on_erase_;
};

int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void log_to_stderr(std::string_view line) { std::cerr << "drover: " << line << '\n'; }

}  // namespace

class HttpServer::Impl : public std::enable_shared_from_this<Impl> {
 public:
  Impl(asio::io_context& io, Controller& controller, LogSink log)
      : io_(io), controller_(controller), log_(log ? std::move(log) : log_to_stderr) {}

  Result<void> listen_unix(const std::string& path, AccessPolicy access);
  Result<void> listen_tcp(const std::string& address, AccessPolicy access, bool insecure);
  void close(std::function<void()> when_idle);
  // Calls the close() callback once no connection is left.
  void notify_if_idle();

 private:
  Result<void> adopt(int fd, int family, int protocol, AccessPolicy access, std::string unix_path,
                     const std::string& what);
  static asio::awaitable<void> accept_loop(std::shared_ptr<Impl> self, Listener& listener);
  static asio::awaitable<void> serve(std::shared_ptr<Impl> self, Socket socket,
                                     const AccessPolicy& access);
  asio::awaitable<bool> answer_one(Connection& connection, boost::beast::flat_buffer& buffer);
  asio::awaitable<void> write_response(Connection& connection, BeastResponse& response);
  asio::awaitable<Response> wait_deferred(std::function<std::optional<Response>()> deferred);
  asio::awaitable<void> stream_logs(Connection& connection, const core::LogQuery& query,
                                    unsigned version);

  asio::io_context& io_;
  Controller& controller_;
  LogSink log_;
  std::vector<std::unique_ptr<Listener>> listeners_;
  Registration::Table connections_;
  uint64_t next_connection_id_ = 0;
  bool closed_ = false;
  std::function<void()> when_idle_;
};

Result<void> HttpServer::Impl::adopt(int fd, int family, int protocol, AccessPolicy access,
                                     std::string unix_path, const std::string& what) {
  auto listener = std::make_unique<Listener>(Listener{Acceptor(io_), std::move(access), {}});
  error_code ec;
  listener->acceptor.assign(asio::generic::stream_protocol(family, protocol), fd, ec);
  if (ec) {
    ::close(fd);
    if (!unix_path.empty()) {
      ::unlink(unix_path.c_str());
    }
    return make_error(Errc::Io, "cannot listen on " + what + ": " + ec.message());
  }
  listener->unix_path = std::move(unix_path);
  Listener& ref = *listener;
  listeners_.push_back(std::move(listener));
  spawn_logged(io_.get_executor(), accept_loop(shared_from_this(), ref), "accept API connections",
               log_);
  return {};
}

Result<void> HttpServer::Impl::listen_unix(const std::string& path, AccessPolicy access) {
  if (closed_) {
    return make_error(Errc::Conflict, "the API server was closed");
  }
  Result<int> fd = listen_unix_socket(path);
  if (!fd) {
    return fd.error();
  }
  return adopt(*fd, AF_UNIX, 0, std::move(access), path, path);
}

Result<void> HttpServer::Impl::listen_tcp(const std::string& address, AccessPolicy access,
                                          bool insecure) {
  if (closed_) {
    return make_error(Errc::Conflict, "the API server was closed");
  }
  Result<TcpSocket> socket = listen_tcp_socket(address, access.requires_credentials(), insecure);
  if (!socket) {
    return socket.error();
  }
  return adopt(socket->fd, socket->family, IPPROTO_TCP, std::move(access), {}, address);
}

void HttpServer::Impl::notify_if_idle() {
  if (closed_ && connections_.empty() && when_idle_) {
    asio::post(io_, std::exchange(when_idle_, nullptr));
  }
}

void HttpServer::Impl::close(std::function<void()> when_idle) {
  if (when_idle) {
    when_idle_ = std::move(when_idle);
  }
  closed_ = true;
  error_code ignored;
  for (auto& listener : listeners_) {
    listener->acceptor.close(ignored);
    if (!listener->unix_path.empty()) {
      ::unlink(listener->unix_path.c_str());
      listener->unix_path.clear();
    }
  }
  for (auto& [id, connection] : connections_) {
    if (connection->end_stream) {
      connection->end_stream();
    } else if (!connection->busy) {
      connection->socket.close(ignored);  // Its pending read completes with an error.
    }
  }
  notify_if_idle();
}

asio::awaitable<void> HttpServer::Impl::accept_loop(std::shared_ptr<Impl> self,
                                                    Listener& listener) {
  while (!self->closed_) {
    auto [ec, socket] = co_await listener.acceptor.async_accept(kNoThrow);
    if (self->closed_ || ec == asio::error::operation_aborted) {
      break;
    }
    if (ec) {
      self->log_("warning: unable to accept an API connection: " + ec.message());
      asio::steady_timer delay(self->io_, kAcceptRetryDelay);
      co_await delay.async_wait(kNoThrow);
      continue;
    }
    spawn_logged(self->io_.get_executor(), serve(self, std::move(socket), listener.access),
                 "serve an API connection", self->log_);
  }
}

asio::awaitable<void> HttpServer::Impl::serve(std::shared_ptr<Impl> self, Socket socket,
                                              const AccessPolicy& access) {
  Connection connection{std::move(socket), access, false, {}};
  Registration registration(self->connections_, self->next_connection_id_++, connection,
                            [self] { self->notify_if_idle(); });

  boost::beast::flat_buffer buffer;
  while (!self->closed_ && co_await self->answer_one(connection, buffer)) {
  }
  error_code ignored;
  connection.socket.shutdown(Socket::shutdown_both, ignored);
  connection.socket.close(ignored);
}

// Reads one request and writes its response. Returns whether the connection
// stays open for another request.
asio::awaitable<bool> HttpServer::Impl::answer_one(Connection& connection,
                                                   boost::beast::flat_buffer& buffer) {
  http::request_parser<http::string_body> parser;
  parser.body_limit(kBodyLimit);
  auto [ec, bytes] = co_await http::async_read(connection.socket, buffer, parser, kNoThrow);
  if (ec) {
    if (std::optional<Response> answer = answer_for_read_error(ec)) {
      BeastResponse response = to_beast(std::move(*answer), 11, false);
      co_await write_response(connection, response);
    }
    co_return false;
  }
  http::request<http::string_body>& message = parser.get();
  Request request{std::string(message.method_string()), std::string(message.target()),
                  std::move(message.body()), wall_clock_ms()};
  connection.busy = true;
  Response answer = admitted(connection.access, message) ? handle_request(controller_, request)
                                                         : unauthorized_response(connection.access);
  if (answer.deferred) {
    answer = co_await wait_deferred(std::move(answer.deferred));
  }
  if (answer.tail && !closed_) {
    co_await stream_tail(connection.socket, std::move(answer.tail), message.version(), closed_,
                         connection.end_stream);
    co_return false;
  }
  if (answer.follow && !closed_) {
    // A follow stream is the last response on its connection.
    co_await stream_logs(connection, *answer.follow, message.version());
    co_return false;
  }
  // After the handler: it may have closed the server (a shutdown request).
  BeastResponse response =
      to_beast(std::move(answer), message.version(), message.keep_alive() && !closed_);
  co_await write_response(connection, response);
  connection.busy = false;
  co_return response.keep_alive() && !closed_;
}

asio::awaitable<void> HttpServer::Impl::write_response(Connection& connection,
                                                       BeastResponse& response) {
  auto [ec, bytes] = co_await http::async_write(connection.socket, response, kNoThrow);
  if (ec) {
    // The peer is gone; mark the response final so the caller closes up.
    response.keep_alive(false);
  }
}

// Streams a follow response: the chunked header, then whatever the
// LogFollow queue holds each time it wakes us, until the controller ends the
// stream (or close() does), the client goes away, or a write fails. A read
// kept pending on the socket notices the client leaving while no line comes.
asio::awaitable<void> HttpServer::Impl::stream_logs(Connection& connection,
                                                    const core::LogQuery& query, unsigned version) {
  auto wakeup = std::make_shared<asio::steady_timer>(io_, asio::steady_timer::time_point::max());
  auto wake = [weak = std::weak_ptr<asio::steady_timer>(wakeup)] {
    if (std::shared_ptr<asio::steady_timer> timer = weak.lock()) {
      timer->cancel();
    }
  };
  Result<std::unique_ptr<LogFollow>> follow = LogFollow::start(controller_, query, wake);
  if (!follow) {
    BeastResponse response = to_beast(error_response(follow.error()), version, false);
    co_await write_response(connection, response);
    co_return;
  }
  http::response<http::empty_body> head{http::status::ok, version};
  head.set(http::field::server, "drover/" DROVER_VERSION);
  head.set(http::field::content_type, "application/x-ndjson");
  head.chunked(true);
  head.keep_alive(false);
  http::response_serializer<http::empty_body> serializer(head);
  if (auto [ec, n] = co_await http::async_write_header(connection.socket, serializer, kNoThrow);
      ec) {
    co_return;
  }
  auto gone = std::make_shared<bool>(false);
  auto scratch = std::make_shared<std::array<char, 256>>();
  connection.socket.async_read_some(asio::buffer(*scratch),
                                    [gone, scratch, wake](const error_code&, size_t) {
                                      *gone = true;  // EOF, an error, or data we do not expect.
                                      wake();
                                    });
  LogFollow& stream = **follow;
  connection.end_stream = [&stream, wake] {
    stream.end();
    wake();
  };
  StreamRegistration registration{connection};
  while (!*gone) {
    if (std::string text = stream.take(); !text.empty()) {
      auto [ec, n] = co_await asio::async_write(connection.socket,
                                                http::make_chunk(asio::buffer(text)), kNoThrow);
      if (ec) {
        break;
      }
      continue;
    }
    if (stream.ended() || closed_) {  // closed_: close() ran before end_stream was set.
      co_await asio::async_write(connection.socket, http::make_chunk_last(), kNoThrow);
      break;
    }
    wakeup->expires_at(asio::steady_timer::time_point::max());
    co_await wakeup->async_wait(kNoThrow);
  }
}

// Polls an answer that is not ready yet (api/http_message.h).
asio::awaitable<Response> HttpServer::Impl::wait_deferred(
    std::function<std::optional<Response>()> deferred) {
  asio::steady_timer timer(io_);
  while (true) {
    timer.expires_after(kDeferredPoll);
    co_await timer.async_wait(kNoThrow);
    if (std::optional<Response> ready = deferred()) {
      co_return std::move(*ready);
    }
    if (closed_) {
      co_return error_response(503, "unavailable", "drover is shutting down");
    }
  }
}

HttpServer::HttpServer(asio::io_context& io, Controller& controller, LogSink log)
    : impl_(std::make_shared<Impl>(io, controller, std::move(log))) {}

HttpServer::~HttpServer() { impl_->close({}); }

Result<void> HttpServer::listen_unix(const std::string& path, AccessPolicy access) {
  return impl_->listen_unix(path, std::move(access));
}

Result<void> HttpServer::listen_tcp(const std::string& address, AccessPolicy access,
                                    bool insecure) {
  return impl_->listen_tcp(address, std::move(access), insecure);
}

void HttpServer::close(std::function<void()> when_idle) { impl_->close(std::move(when_idle)); }

}  // namespace drover::api
