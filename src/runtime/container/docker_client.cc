// Beast writes and reads HTTP/1.1 on any Asio stream, so the unix and tcp
// sockets share one implementation (templated on the socket type).
#include "runtime/container/docker_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json/parse.hpp>

#include <array>
#include <cctype>

namespace drover::runtime {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using boost::system::error_code;

// Connects `socket` to the endpoint, then calls `next(ec)`.
template <typename Socket, typename Next>
void connect(asio::io_context& io, Socket& socket, const DockerEndpoint& endpoint, Next next) {
  if constexpr (std::is_same_v<Socket, asio::local::stream_protocol::socket>) {
    socket.async_connect(asio::local::stream_protocol::endpoint(endpoint.path), std::move(next));
  } else {
    auto resolver = std::make_shared<asio::ip::tcp::resolver>(io);
    resolver->async_resolve(
        endpoint.host, endpoint.port,
        [&socket, resolver, next = std::move(next)](
            error_code ec, asio::ip::tcp::resolver::results_type found) mutable {
          if (ec) {
            return next(ec);
          }
          asio::async_connect(
              socket, found,
              [next = std::move(next)](error_code cec, const auto&) mutable { next(cec); });
        });
  }
}

http::request<http::string_body> make_request(http::verb verb, const std::string& target,
                                              std::string body) {
  http::request<http::string_body> request{verb, "/" + std::string(kDockerApiVersion) + target, 11};
  request.set(http::field::host, "docker");
  if (!body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = std::move(body);
  }
  request.prepare_payload();
  return request;
}

template <typename Socket>
struct Exchange : std::enable_shared_from_this<Exchange<Socket>> {
  Exchange(asio::io_context& io, std::function<void(DockerReply)> callback)
      : socket(io), done(std::move(callback)) {}

  void fail(const error_code& ec) {
    DockerReply reply;
    reply.failure = ec.message();
    finish(std::move(reply));
  }
  void finish(DockerReply reply) {
    error_code ignored;
    socket.close(ignored);
    if (done) {
      auto callback = std::move(done);
      done = nullptr;
      callback(std::move(reply));
    }
  }
  void run(asio::io_context& io, const DockerEndpoint& endpoint) {
    connect(io, socket, endpoint, [self = this->shared_from_this()](error_code ec) {
      if (ec) {
        return self->fail(ec);
      }
      http::async_write(self->socket, self->request, [self](error_code wec, size_t) {
        if (wec) {
          return self->fail(wec);
        }
        http::async_read(
            self->socket, self->buffer, self->response, [self](error_code rec, size_t) {
              if (rec) {
                return self->fail(rec);
              }
              self->finish(
                  {static_cast<int>(self->response.result_int()), self->response.body(), ""});
            });
      });
    });
  }

  Socket socket;
  std::function<void(DockerReply)> done;
  http::request<http::string_body> request;
  http::response<http::string_body> response;
  boost::beast::flat_buffer buffer;
};

}  // namespace

std::string DockerReply::message() const {
  if (status == 0) {
    return failure;
  }
  error_code ec;
  boost::json::value parsed = boost::json::parse(body, ec);
  if (!ec && parsed.is_object()) {
    if (const boost::json::value* text = parsed.as_object().if_contains("message");
        text != nullptr && text->is_string()) {
      return std::string(text->as_string());
    }
  }
  std::string text = body;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) {
    text.pop_back();
  }
  return text.empty() ? "HTTP " + std::to_string(status) : text;
}

void docker_request(asio::io_context& io, const DockerEndpoint& endpoint, http::verb verb,
                    std::string target, std::string body, std::function<void(DockerReply)> done) {
  auto start = [&](auto exchange) {
    exchange->request = make_request(verb, target, std::move(body));
    exchange->run(io, endpoint);
  };
  if (endpoint.kind == DockerEndpoint::Kind::Unix) {
    start(std::make_shared<Exchange<asio::local::stream_protocol::socket>>(io, std::move(done)));
  } else {
    start(std::make_shared<Exchange<asio::ip::tcp::socket>>(io, std::move(done)));
  }
}

// The attach connection: a request, the reply's header, then raw bytes.
class DockerAttach {
 public:
  virtual ~DockerAttach() = default;
  virtual void close() = 0;
};

namespace {

template <typename Socket>
struct Attach : DockerAttach, std::enable_shared_from_this<Attach<Socket>> {
  Attach(asio::io_context& io, AttachCallbacks callbacks)
      : socket(io),
        attached(std::move(callbacks.attached)),
        data(std::move(callbacks.data)),
        end(std::move(callbacks.end)) {}

  void close() override {
    attached = nullptr;
    data = nullptr;
    end = nullptr;
    error_code ignored;
    socket.close(ignored);
  }
  void finish(std::string why) {
    if (end) {
      auto callback = std::move(end);
      close();
      callback(std::move(why));
    }
  }
  void run(asio::io_context& io, const DockerEndpoint& endpoint) {
    connect(io, socket, endpoint, [self = this->shared_from_this()](error_code ec) {
      if (ec) {
        return self->finish(ec.message());
      }
      http::async_write(self->socket, self->request, [self](error_code wec, size_t) {
        if (wec) {
          return self->finish(wec.message());
        }
        self->parser.skip(true);  // The body is the raw stream, read by hand below.
        http::async_read_header(self->socket, self->buffer, self->parser,
                                [self](error_code rec, size_t) { self->header_read(rec); });
      });
    });
  }
  void header_read(const error_code& ec) {
    if (ec) {
      return finish(ec.message());
    }
    int status = parser.get().result_int();
    if (status != 200 && status != 101) {
      return finish("attach answered HTTP " + std::to_string(status));
    }
    if (attached) {
      auto callback = std::move(attached);
      attached = nullptr;
      callback();
    }
    // Bytes read past the header already belong to the stream.
    if (buffer.size() > 0 && data) {
      data(std::string_view(static_cast<const char*>(buffer.data().data()), buffer.size()));
      buffer.consume(buffer.size());
    }
    read_more();
  }
  void read_more() {
    socket.async_read_some(asio::buffer(chunk),
                           [self = this->shared_from_this()](error_code ec, size_t n) {
                             if (n > 0 && self->data) {
                               self->data(std::string_view(self->chunk.data(), n));
                             }
                             if (ec) {
                               return self->finish(ec == asio::error::eof ? "" : ec.message());
                             }
                             self->read_more();
                           });
  }

  Socket socket;
  std::function<void()> attached;
  std::function<void(std::string_view)> data;
  std::function<void(std::string)> end;
  http::request<http::string_body> request;
  http::response_parser<http::empty_body> parser;
  boost::beast::flat_buffer buffer;
  std::array<char, 64 * 1024> chunk{};
};

}  // namespace

std::shared_ptr<DockerAttach> docker_attach(asio::io_context& io, const DockerEndpoint& endpoint,
                                            const std::string& container_id,
                                            AttachCallbacks callbacks) {
  return docker_hijack(io, endpoint,
                       "/containers/" + container_id + "/attach?stream=1&stdout=1&stderr=1", "",
                       std::move(callbacks));
}

std::shared_ptr<DockerAttach> docker_hijack(asio::io_context& io, const DockerEndpoint& endpoint,
                                            std::string target, std::string body,
                                            AttachCallbacks callbacks) {
  auto start = [&](auto attach) -> std::shared_ptr<DockerAttach> {
    attach->request = make_request(http::verb::post, target, std::move(body));
    attach->request.set(http::field::connection, "Upgrade");
    attach->request.set(http::field::upgrade, "tcp");
    attach->run(io, endpoint);
    return attach;
  };
  if (endpoint.kind == DockerEndpoint::Kind::Unix) {
    return start(
        std::make_shared<Attach<asio::local::stream_protocol::socket>>(io, std::move(callbacks)));
  }
  return start(std::make_shared<Attach<asio::ip::tcp::socket>>(io, std::move(callbacks)));
}

void close_attach(DockerAttach& attach) { attach.close(); }

std::string url_encode(std::string_view text) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace drover::runtime
