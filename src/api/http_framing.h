#pragma once

// The Beast side of one exchange, apart from the connection logic in
// http_server.cc: Response -> Beast message, read errors -> answers, and the
// access check on a parsed request. Included only by http_server.cc (Beast
// is slow to compile).
#include "api/access.h"
#include "api/http_message.h"

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include <cstdint>
#include <optional>

namespace drover::api {

using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;
using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

constexpr uint64_t kBodyLimit = 1 << 20;

BeastResponse to_beast(Response response, unsigned version, bool keep_alive);

// The answer to a request Beast could not parse, or none when the peer just
// went away (EOF, reset, cancelled) and there is nobody to answer.
std::optional<Response> answer_for_read_error(const boost::system::error_code& ec);

// Whether `access` lets `message` through (its path and Authorization header).
bool admitted(const AccessPolicy& access, const BeastRequest& message);

}  // namespace drover::api
