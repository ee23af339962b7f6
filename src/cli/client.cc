// The CLI's HTTP client: plain POSIX sockets plus Beast's response parser.
// Not Asio: a command-line client makes one or two blocking round trips, and
// Asio's synchronous calls cannot time out (they poll again on EAGAIN), while
// poll() with a deadline can.
#include "cli/client.h"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <utility>

namespace drover::cli {
namespace {

namespace http = boost::beast::http;

std::string http_request_text(std::string_view method, std::string_view target,
                              std::string_view body) {
  std::string text;
  text.append(method).append(" ").append(target).append(" HTTP/1.1\r\n");
  text += "Host: localhost\r\nUser-Agent: drover/" DROVER_VERSION "\r\n";
  if (!body.empty()) {
    text += "Content-Type: application/json\r\n";
  }
  text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  text.append(body);
  return text;
}

}  // namespace

Result<Client> Client::connect(const std::string& path) {
  auto failure = [&path](const std::string& reason) {
    return make_error(Errc::Unavailable, "cannot connect to the daemon at " + path + ": " + reason +
                                             " (is \"drover up\" running?)");
  };
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(address.sun_path)) {
    return failure(path.empty() ? "no socket path" : "the socket path is too long");
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return failure(std::strerror(errno));
  }
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    std::string reason = std::strerror(errno);
    ::close(fd);
    return failure(reason);
  }
  return Client(fd, path);
}

Client::Client(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}

Client::~Client() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Client::Client(Client&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      path_(std::move(other.path_)),
      pending_(std::move(other.pending_)) {}

Client& Client::operator=(Client&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) {
      ::close(fd_);
    }
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
    pending_ = std::move(other.pending_);
  }
  return *this;
}

Result<HttpReply> Client::request(std::string_view method, std::string_view target,
                                  std::string_view body) {
  if (Result<void> sent = send_request(method, target, body); !sent) {
    return sent.error();
  }
  return read_reply();
}

Result<void> Client::send_request(std::string_view method, std::string_view target,
                                  std::string_view body) {
  if (fd_ < 0) {
    // The daemon closed the previous exchange ("Connection: close"); dial again.
    Result<Client> fresh = connect(path_);
    if (!fresh) {
      return fresh.error();
    }
    *this = std::move(*fresh);
  }
  return send_all(http_request_text(method, target, body));
}

Result<void> Client::send_all(const std::string& text) {
  for (size_t sent = 0; sent < text.size();) {
    // MSG_NOSIGNAL: a daemon that goes away must be an error, not SIGPIPE.
    ssize_t n = ::send(fd_, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return lost_connection(std::strerror(errno));
    }
    sent += static_cast<size_t>(n);
  }
  return {};
}

// Feeds pending_ and then the socket to `parser` until it has a whole reply.
template <typename Parser>
Result<void> Client::read_message(Parser& parser, std::chrono::steady_clock::time_point deadline) {
  while (!parser.is_done()) {
    boost::beast::error_code ec;
    if (!pending_.empty()) {
      pending_.erase(0, parser.put(boost::asio::buffer(pending_), ec));
      if (parser.is_done()) {
        break;
      }
      if (ec && ec != http::error::need_more) {
        return lost_connection("malformed reply: " + ec.message());
      }
    }
    Result<size_t> n = read_some(deadline);
    if (!n) {
      return n.error();
    }
    if (*n == 0) {
      parser.put_eof(ec);  // Ends a reply delimited by the connection's end.
      if (!parser.is_done()) {
        return lost_connection("it closed the connection");
      }
    }
  }
  return {};
}

Result<HttpReply> Client::read_reply() {
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(64 << 20);  // `status` of thousands of services is well under this.
  if (Result<void> read = read_message(parser, std::chrono::steady_clock::now() + kReplyTimeout);
      !read) {
    return read.error();
  }
  HttpReply reply{static_cast<int>(parser.get().result_int()), std::move(parser.get().body())};
  if (!parser.get().keep_alive()) {
    ::close(std::exchange(fd_, -1));
    pending_.clear();
  }
  return reply;
}

Result<HttpReply> Client::stream(std::string_view target, const LineHandler& on_line,
                                 const volatile std::sig_atomic_t* interrupted) {
  if (Result<void> sent = send_request("GET", target, {}); !sent) {
    return sent.error();
  }
  http::response_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(boost::none);
  std::string partial;  // A line whose newline has not arrived yet.
  std::string error_body;
  auto on_chunk = [&](uint64_t, boost::beast::string_view data, boost::beast::error_code&) {
    int status = static_cast<int>(parser.get().result_int());
    if (status < 200 || status > 299) {
      error_body.append(data.data(), data.size());
      return data.size();
    }
    partial.append(data.data(), data.size());
    size_t start = 0;
    for (size_t newline; (newline = partial.find('\n', start)) != std::string::npos;
         start = newline + 1) {
      on_line(std::string_view(partial).substr(start, newline - start));
    }
    partial.erase(0, start);
    return data.size();
  };
  parser.on_chunk_body(on_chunk);
  interrupted_ = interrupted;
  Result<void> read = read_message(parser, std::chrono::steady_clock::time_point::max());
  interrupted_ = nullptr;
  if (!read) {
    return read.error();
  }
  if (!partial.empty()) {
    on_line(partial);
  }
  HttpReply reply{static_cast<int>(parser.get().result_int()),
                  error_body.empty() ? std::move(parser.get().body()) : std::move(error_body)};
  ::close(std::exchange(fd_, -1));  // A stream is the last reply on its connection.
  pending_.clear();
  return reply;
}

// Appends what the socket has to pending_ and returns how much (0 at EOF).
Result<size_t> Client::read_some(std::chrono::steady_clock::time_point deadline) {
  while (true) {
    if (interrupted_ != nullptr && *interrupted_ != 0) {
      return make_error(Errc::Unavailable, "interrupted");
    }
    int timeout = -1;
    if (deadline != std::chrono::steady_clock::time_point::max()) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      timeout = static_cast<int>(std::max<int64_t>(left.count(), 0));
    }
    pollfd poll_fd{fd_, POLLIN, 0};
    int ready = ::poll(&poll_fd, 1, timeout);
    if (ready < 0 && errno == EINTR) {
      continue;
    }
    if (ready == 0) {
      return make_error(Errc::Timeout, "the daemon at " + path_ + " did not answer within " +
                                           std::to_string(kReplyTimeout.count()) + "s");
    }
    char buffer[16384];
    ssize_t n = ready < 0 ? -1 : ::read(fd_, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      return lost_connection(std::strerror(errno));
    }
    pending_.append(buffer, static_cast<size_t>(n));
    return static_cast<size_t>(n);
  }
}

Error Client::lost_connection(const std::string& reason) const {
  return make_error(Errc::Unavailable,
                    "lost the connection to the daemon at " + path_ + ": " + reason);
}

}  // namespace drover::cli
