#pragma once

#include "api/controller.h"
#include "api/http_message.h"

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drover::api {

// Values captured from a route pattern's "{key}" segments, percent-decoded
// and never empty.
using PathParams = std::vector<std::pair<std::string_view, std::string>>;

// The value captured for `key`; "" if the pattern has no such segment.
std::string_view path_param(const PathParams& params, std::string_view key);

// A handler is thin: parse -> core::Command -> controller.execute() -> render.
// It may throw only on programming errors; handle_request turns those into 500s.
using Handler = Response (*)(Controller& controller, const Request& request,
                             const PathParams& params);

struct Route {
  std::string_view method;
  std::string_view pattern;  // "/v1/services/{name}/start": literal or "{key}" segments.
  Handler handler;
};

// The v1 route table, in the order docs/api.md lists it.
std::span<const Route> routes();

// The whole request -> response step, without sockets: matches the target's
// path (the query string is ignored) against routes() and runs the handler.
// An unknown path gives 404, a known path with another method 405 with an
// Allow header, a target that is not a valid path 400. Never throws.
Response handle_request(Controller& controller, const Request& request);

}  // namespace drover::api
