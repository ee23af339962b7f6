// The explicit v1 route table and the matcher. A plain array rather than
// self-registration (STYLE.md D2): the whole API surface is readable here.
#include "api/router.h"

#include "api/rest_v1.h"
#include "api/rpc_routes.h"
#include "api/url.h"

#include <exception>
#include <optional>

namespace drover::api {
namespace {

constexpr Route kRoutes[] = {
    {"GET", "/v1/health", rest_v1::get_health},
    {"GET", "/metrics", rest_v1::get_metrics},
    {"GET", "/health", rest_v1::get_stack_health},
    {"GET", "/v1/services", rest_v1::list_services},
    {"GET", "/v1/services/{name}", rest_v1::get_service},
    {"POST", "/v1/services/{name}/start", rest_v1::start_service},
    {"POST", "/v1/services/{name}/stop", rest_v1::stop_service},
    {"POST", "/v1/services/{name}/restart", rest_v1::restart_service},
    {"POST", "/v1/services/{name}/trigger", rest_v1::trigger_service},
    {"POST", "/v1/services/{name}/signal", rest_v1::signal_service},
    {"GET", "/v1/services/{name}/logs", rest_v1::get_service_logs},
    {"GET", "/v1/logs", rest_v1::get_logs},
    {"POST", "/v1/reload", rest_v1::reload},
    {"POST", "/v1/shutdown", rest_v1::shutdown},
    // supervisord's interface, for supervisorctl (docs/api.md).
    {"POST", "/RPC2", rpc::post_rpc2},
    {"GET", "/logtail/{process}", rpc::get_logtail},
    {"GET", "/logtail/{process}/{channel}", rpc::get_logtail},
    {"GET", "/mainlogtail", rpc::get_mainlogtail},
};

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  path.remove_prefix(1);  // The leading '/', checked by the caller.
  while (true) {
    size_t slash = path.find('/');
    segments.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) {
      return segments;
    }
    path.remove_prefix(slash + 1);
  }
}

// Matches decoded path segments against a pattern, capturing "{key}" segments.
std::optional<PathParams> match(std::string_view pattern, const std::vector<std::string>& path) {
  std::vector<std::string_view> parts = split_path(pattern);
  if (parts.size() != path.size()) {
    return std::nullopt;
  }
  PathParams params;
  for (size_t i = 0; i < parts.size(); ++i) {
    std::string_view part = parts[i];
    if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
      if (path[i].empty()) {
        return std::nullopt;
      }
      params.emplace_back(part.substr(1, part.size() - 2), path[i]);
    } else if (part != path[i]) {
      return std::nullopt;
    }
  }
  return params;
}

std::optional<std::vector<std::string>> decode_path(std::string_view target) {
  std::string_view path = target.substr(0, target.find('?'));
  if (path.empty() || path.front() != '/') {
    return std::nullopt;
  }
  std::vector<std::string> decoded;
  for (std::string_view segment : split_path(path)) {
    std::optional<std::string> text = percent_decode(segment);
    if (!text) {
      return std::nullopt;
    }
    decoded.push_back(std::move(*text));
  }
  return decoded;
}

Response run_handler(const Route& route, Controller& controller, const Request& request,
                     const PathParams& params) {
  // The controller is our own code, but a throw must not reach the event loop.
  try {
    return route.handler(controller, request, params);
  } catch (const std::exception& e) {
    return error_response(500, "internal", std::string("internal error: ") + e.what());
  } catch (...) {
    return error_response(500, "internal", "internal error");
  }
}

Response method_not_allowed(const Request& request, const std::string& allow) {
  Response response = error_response(405, "method_not_allowed",
                                     request.method + " is not allowed here; use " + allow);
  response.headers.emplace_back("Allow", allow);
  return response;
}

}  // namespace

std::string_view path_param(const PathParams& params, std::string_view key) {
  for (const auto& [name, value] : params) {
    if (name == key) {
      return value;
    }
  }
  return {};
}

std::span<const Route> routes() { return kRoutes; }

Response handle_request(Controller& controller, const Request& request) {
  std::optional<std::vector<std::string>> path = decode_path(request.target);
  if (!path) {
    return error_response(400, "invalid_argument", "malformed request target: " + request.target);
  }
  std::string allow;
  for (const Route& route : kRoutes) {
    std::optional<PathParams> params = match(route.pattern, *path);
    if (!params) {
      continue;
    }
    if (route.method == request.method) {
      return run_handler(route, controller, request, *params);
    }
    if (allow.find(route.method) == std::string::npos) {
      allow += (allow.empty() ? "" : ", ") + std::string(route.method);
    }
  }
  if (!allow.empty()) {
    return method_not_allowed(request, allow);
  }
  std::string path_text = request.target.substr(0, request.target.find('?'));
  return error_response(404, "not_found", "no such endpoint: " + path_text);
}

}  // namespace drover::api
