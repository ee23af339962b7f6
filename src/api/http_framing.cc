#include "api/http_framing.h"

#include <boost/beast/http/error.hpp>

#include <string>
#include <string_view>

namespace drover::api {

namespace http = boost::beast::http;
using boost::system::error_code;

BeastResponse to_beast(Response response, unsigned version, bool keep_alive) {
  BeastResponse out;
  out.version(version);
  out.result(static_cast<unsigned>(response.status));
  out.set(http::field::server, "drover/" DROVER_VERSION);
  out.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    out.set(name, value);
  }
  out.keep_alive(keep_alive);
  out.body() = std::move(response.body);
  out.prepare_payload();
  return out;
}

std::optional<Response> answer_for_read_error(const error_code& ec) {
  if (ec == http::error::body_limit) {
    return error_response(413, "payload_too_large",
                          "request body exceeds " + std::to_string(kBodyLimit) + " bytes");
  }
  if (ec.category() == http::make_error_code(http::error::bad_target).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return error_response(400, "bad_request", "malformed HTTP request: " + ec.message());
  }
  return std::nullopt;
}

bool admitted(const AccessPolicy& access, const BeastRequest& message) {
  std::string_view target = message.target();
  std::string_view path = target.substr(0, target.find('?'));
  auto authorization = message.find(http::field::authorization);
  std::string_view credentials;
  if (authorization != message.end()) {
    credentials = std::string_view(authorization->value().data(), authorization->value().size());
  }
  return check_access(access, path, credentials) == AccessDecision::Allow;
}

}  // namespace drover::api
