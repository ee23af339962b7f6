#pragma once

#include "base/result.h"

#include <chrono>
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

 private:
  Client(int fd, std::string path);
  Result<void> send_all(const std::string& text);
  Result<HttpReply> read_reply();
  Result<size_t> read_some(std::chrono::steady_clock::time_point deadline);
  Error lost_connection(const std::string& reason) const;

  int fd_ = -1;
  std::string path_;
  std::string pending_;  // Bytes read past the end of the previous reply.
};

}  // namespace drover::cli
