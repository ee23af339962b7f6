#pragma once

#include "base/error.h"
#include "core/log_entry.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drover::api {

// One HTTP request as the router sees it: already framed and size-checked by
// the server, with no Beast types, so routing is testable without sockets.
struct Request {
  std::string method;  // "GET", "POST", ... as sent (methods are case-sensitive).
  std::string target;  // "/v1/services/web?x=1": routing ignores the query; handlers may read it.
  std::string body;
  // Wall-clock milliseconds since the epoch when the server read the request,
  // so handlers that need "now" (the logs' `since`) stay free of the clock.
  int64_t received_ms = 0;
};

// The router's answer. The server adds Content-Length, Server and the
// keep-alive headers; `headers` carries the rest (e.g. Allow on a 405).
struct Response {
  int status = 200;
  std::string body;  // JSON text, without a trailing newline.
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by the logs routes with follow=1: instead of `body`, the server
  // streams the matching lines as chunked NDJSON (history first, then live
  // lines) until drover shuts down or the client goes (docs/api.md).
  std::optional<core::LogQuery> follow;
  // Set by an XML-RPC call that waits (startProcess with wait=True): the
  // server calls it every 50 ms on the loop, like supervisord's NOT_DONE_YET
  // callbacks, until it returns the response to send.
  std::function<std::optional<Response>()> deferred;
  // Set by GET /logtail and /mainlogtail: a never-ending chunked body. The
  // server calls it every 100 ms and writes what it returns ("" = nothing
  // new) until drover shuts down or the client goes.
  std::function<std::string()> tail;
};

// A JSON response with `status` and `body`.
Response json_response(int status, std::string body);
// {"error":{"code":..,"message":..}} with the status from the Errc table
// (error_status.h); the message is error.to_string().
Response error_response(const Error& error);
// The same for conditions outside the Errc vocabulary (405, 413, 400 on a
// malformed request), with the code spelled out.
Response error_response(int status, std::string_view code, std::string_view message);

}  // namespace drover::api
