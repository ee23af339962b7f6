#pragma once

#include "api/access.h"
#include "api/controller.h"
#include "api/log_sink.h"
#include "base/result.h"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <memory>
#include <string>

namespace drover::api {

// The control API's HTTP/1.1 server on a unix socket and optionally TCP (docs/api.md). Each
// connection is a coroutine on `io`, which must be single-threaded; requests
// on it are answered in order (keep-alive supported, bodies up to 1 MiB) by
// handle_request() in router.h, so the controller is only ever called from
// `io`'s thread. A malformed request gets a 400 and the connection is closed;
// no error or exception from a connection reaches the io_context.
//
// `io` and `controller` must outlive the server. Warnings (failed accepts,
// escaped exceptions) go to `log`, or to stderr when it is empty.
class HttpServer {
 public:
  HttpServer(boost::asio::io_context& io, Controller& controller, LogSink log = {});
  ~HttpServer();  // close()s.
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds `path` (mode 0600) and starts accepting. Fails without side effects
  // if the parent directory is missing, if another server answers on `path`
  // (Errc::Conflict "another drover is already listening on PATH") or if a
  // non-socket file is in the way; a stale socket file is replaced.
  // Requests need the credentials of `access` (none by default).
  Result<void> listen_unix(const std::string& path, AccessPolicy access = {});

  // Listens on TCP "host:port" ("[::1]:9001", "localhost:9001"; an empty
  // host is every address). Refuses a non-loopback address when `access`
  // demands no credentials, unless `insecure`. May be called beside
  // listen_unix: every listener serves the same routes.
  Result<void> listen_tcp(const std::string& address, AccessPolicy access, bool insecure);

  // Stops accepting, closes idle connections (one being answered is closed
  // after its response is written) and unlinks the socket. Idempotent.
  // `when_idle`, if given, is posted once every connection has ended (at
  // once when there is none): a `drover logs -f` stream gets its last lines
  // and its final chunk before drover exits.
  void close(std::function<void()> when_idle = {});

 private:
  class Impl;
  std::shared_ptr<Impl> impl_;  // Shared with running connection coroutines.
};

}  // namespace drover::api
