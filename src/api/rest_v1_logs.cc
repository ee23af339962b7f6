// /v1/logs and /v1/services/{name}/logs: the query string becomes a
// core::LogQuery; the lines come from the controller. With follow=1 the
// handler only validates and hands the query to the server, which streams
// (http_server.cc, log_follow.h).
#include "api/json_codec.h"
#include "api/rest_v1.h"
#include "api/url.h"
#include "base/duration.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace drover::api::rest_v1 {
namespace {

struct LogsRequest {
  core::LogQuery query;
  bool follow = false;
};

Error bad_parameter(const std::string& message) {
  return make_error(Errc::InvalidArgument, message);
}

Result<size_t> parse_lines(const std::string& text) {
  size_t lines = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), lines);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    return bad_parameter("lines must be a whole number, not \"" + text + "\"");
  }
  return lines;
}

// Applies one query parameter; `service_param` says whether ?service= is allowed.
Result<void> apply(LogsRequest& out, const std::string& key, const std::string& value,
                   int64_t now_ms, bool service_param) {
  if (key == "service" && service_param) {
    out.query.services.push_back(value);
  } else if (key == "lines") {
    Result<size_t> lines = parse_lines(value);
    if (!lines) {
      return lines.error();
    }
    // lines=0: no history at all; no line has a sequence above the maximum.
    out.query.last_lines = *lines;
    out.query.after_sequence = *lines == 0 ? std::numeric_limits<uint64_t>::max() : 0;
  } else if (key == "since") {
    Result<Duration> ago = parse_duration(value);
    if (!ago) {
      return bad_parameter("since: " + ago.error().message);
    }
    out.query.since_ms = std::max<int64_t>(now_ms - ago->count(), 0);
  } else if (key == "stream") {
    if (value != "stderr") {
      return bad_parameter("stream must be \"stderr\", not \"" + value + "\"");
    }
    out.query.stderr_only = true;
  } else if (key == "follow") {
    if (value != "1" && value != "0" && value != "true" && value != "false") {
      return bad_parameter("follow must be 1 or 0, not \"" + value + "\"");
    }
    out.follow = value == "1" || value == "true";
  } else {
    return bad_parameter("unknown query parameter \"" + key + "\"");
  }
  return {};
}

Result<LogsRequest> parse_logs_request(const Request& request, bool service_param) {
  Result<std::vector<std::pair<std::string, std::string>>> params = parse_query(request.target);
  if (!params) {
    return params.error();
  }
  LogsRequest out;
  for (const auto& [key, value] : *params) {
    if (Result<void> applied = apply(out, key, value, request.received_ms, service_param);
        !applied) {
      return applied.error();
    }
  }
  return out;
}

// 404 for a name the controller does not know, with the message every route uses.
Result<void> check_names(Controller& controller, const std::vector<std::string>& names) {
  if (names.empty()) {
    return {};
  }
  std::vector<core::ServiceView> views = controller.services();
  for (const std::string& name : names) {
    bool known = std::any_of(views.begin(), views.end(),
                             [&name](const core::ServiceView& view) { return view.name == name; });
    if (!known) {
      return make_error(Errc::NotFound, unknown_service_message(name, views));
    }
  }
  return {};
}

Response answer(Controller& controller, Result<LogsRequest> request) {
  if (!request) {
    return error_response(request.error());
  }
  if (Result<void> known = check_names(controller, request->query.services); !known) {
    return error_response(known.error());
  }
  if (request->follow) {
    Response response;
    response.content_type = "application/x-ndjson";
    response.follow = std::move(request->query);
    return response;
  }
  Result<std::vector<core::LogEntry>> lines = controller.logs(request->query);
  if (!lines) {
    return error_response(lines.error());
  }
  return json_response(200, render_log_entries(*lines));
}

}  // namespace

Response get_logs(Controller& controller, const Request& request, const PathParams&) {
  return answer(controller, parse_logs_request(request, true));
}

Response get_service_logs(Controller& controller, const Request& request,
                          const PathParams& params) {
  Result<LogsRequest> parsed = parse_logs_request(request, false);
  if (parsed) {
    parsed->query.services = {std::string(path_param(params, "name"))};
  }
  return answer(controller, std::move(parsed));
}

}  // namespace drover::api::rest_v1
