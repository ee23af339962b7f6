// Response constructors shared by the router, the handlers and the server, so
// every error body has the same shape.
#include "api/http_message.h"

#include "api/error_status.h"
#include "api/json_codec.h"

namespace drover::api {

Response json_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

Response error_response(const Error& error) {
  return error_response(http_status(error.code), error_code_name(error.code), error.to_string());
}

Response error_response(int status, std::string_view code, std::string_view message) {
  return json_response(status, render_error(code, message));
}

}  // namespace drover::api
