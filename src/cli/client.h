#pragma once

#include "base/result.h"

#include <chrono>
#include <csignal>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace drover::cli {

struct HttpReply {
  int status = 0;
  std::string body;
};

// A blocking HTTP/1.1 client for the daemon's control socket: one keep-alive
// connection, requests answered in order. Errors are transport failures only
// (Errc::Unavailable, or Errc::Timeout when no reply comes within the
// timeout); an HTTP error status is a reply like any other.
class Client {
 public:
  static constexpr std::chrono::seconds kReplyTimeout{60};

  // Connects to the unix socket at `path`. On failure the message is the one
  // users see: "cannot connect to the daemon at PATH: <reason> (is "drover
  // up" running?)".
  static Result<Client> connect(const std::string& path);

  ~Client();
  Client(Client&& other) noexcept;
  Client& operator=(Client&& other) noexcept;

  // Sends `method target` with a JSON `body` (may be empty) and waits for
  // the whole reply. Reconnects first if the daemon closed the connection
  // after the previous reply.
  Result<HttpReply> request(std::string_view method, std::string_view target,
                            std::string_view body = {});

  // GET `target` whose 2xx body is a stream of lines (a logs follow): each
  // complete line ("\n" removed) goes to `on_line` as soon as it has arrived,
  // with no timeout, until the daemon ends the body; the reply then has the
  // status and an empty body. A non-2xx reply comes back whole, like
  // request(). A connection that ends before the body does is Unavailable
  // ("lost the connection ..."). When `*interrupted` becomes non-zero (a
  // signal handler sets it; the signal must interrupt poll, i.e. no
  // SA_RESTART) it stops with Errc::Unavailable "interrupted".
  using LineHandler = std::function<void(std::string_view line)>;
  Result<HttpReply> stream(std::string_view target, const LineHandler& on_line,
                           const volatile std::sig_atomic_t* interrupted = nullptr);

 private:
  Client(int fd, std::string path);
  Result<void> send_all(const std::string& text);
  Result<void> send_request(std::string_view method, std::string_view target,
                            std::string_view body);
  Result<HttpReply> read_reply();
  // Feeds pending_, then the socket, to a Beast response parser until it has
  // a whole reply (defined and used in client.cc only).
  template <typename Parser>
  Result<void> read_message(Parser& parser, std::chrono::steady_clock::time_point deadline);
  // With time_point::max() as `deadline`, waits without a timeout.
  Result<size_t> read_some(std::chrono::steady_clock::time_point deadline);
  Error lost_connection(const std::string& reason) const;

  int fd_ = -1;
  std::string path_;
  std::string pending_;  // Bytes read past the end of the previous reply.
  const volatile std::sig_atomic_t* interrupted_ = nullptr;  // Set during stream().
};

}  // namespace drover::cli
