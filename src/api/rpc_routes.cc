// The HTTP side of the supervisord interface: XML-RPC bodies in and out,
// waiting calls handed to the server as `deferred`, and log tails as `tail`.
#include "api/rpc_routes.h"

#include "api/log_file_read.h"
#include "api/rpc_method.h"
#include "api/rpc_names.h"
#include "api/xmlrpc_codec.h"

#include <memory>

namespace drover::api::rpc {
namespace {

// supervisord's tail_f_producer starts with the log's last 1024 bytes.
constexpr int64_t kTailHead = 1024;

Response xml_response(const Outcome& outcome) {
  Response response;
  response.content_type = "text/xml";
  if (const Fault* error = std::get_if<Fault>(&outcome)) {
    response.body = xmlrpc::render_fault(*error);
  } else {
    response.body = xmlrpc::render_response(std::get<Value>(outcome));
  }
  return response;
}

Response tail_response(const std::string& path) {
  auto tail = std::make_shared<FileTail>(path, kTailHead);
  if (!tail->is_open()) {
    return error_response(404, "not_found", "no log file: " + path);
  }
  Response response;
  response.tail = [tail] { return tail->more(); };
  return response;
}

}  // namespace

Response post_rpc2(Controller& controller, const Request& request, const PathParams&) {
  auto parsed = xmlrpc::parse_method_call(request.body);
  if (const auto* error = std::get_if<xmlrpc::ParseError>(&parsed)) {
    if (error->kind == xmlrpc::ParseError::NotXml) {
      return error_response(400, "bad_request", error->message);
    }
    return xml_response(fault(kIncorrectParameters, error->message));
  }
  const xmlrpc::MethodCall& call_request = std::get<xmlrpc::MethodCall>(parsed);
  Reply reply = call(controller, call_request.method, call_request.params);
  if (Poll* poll = std::get_if<Poll>(&reply)) {
    Response waiting;
    waiting.deferred = [poll = std::move(*poll)]() -> std::optional<Response> {
      try {
        std::optional<Outcome> outcome = poll();
        return outcome ? std::optional<Response>(xml_response(*outcome)) : std::nullopt;
      } catch (const std::exception& e) {
        return xml_response(fault(kFailed, e.what()));
      }
    };
    return waiting;
  }
  if (Fault* error = std::get_if<Fault>(&reply)) {
    return xml_response(*error);
  }
  return xml_response(std::get<Value>(reply));
}

Response get_logtail(Controller& controller, const Request&, const PathParams& params) {
  std::string name(path_param(params, "process"));
  std::string channel(path_param(params, "channel"));
  if (channel.empty()) {
    channel = "stdout";
  }
  std::vector<core::ServiceView> views = controller.services();
  auto target = find_target(views, name);
  const Target* found = std::get_if<Target>(&target);
  if (found == nullptr || found->process == nullptr ||
      (channel != "stdout" && channel != "stderr")) {
    return error_response(404, "not_found", "no such process log: " + name + "/" + channel);
  }
  const core::ServiceView& view = *found->process;
  return tail_response(channel == "stdout" ? view.stdout_log_file : view.stderr_log_file);
}

Response get_mainlogtail(Controller& controller, const Request&, const PathParams&) {
  return tail_response(controller.main_log_file());
}

}  // namespace drover::api::rpc
