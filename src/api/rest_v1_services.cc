// /v1/services handlers: read views, or turn the path into a core::Command
// for the controller. No policy here: "all", unknown names and "already
// running" are the supervisor's to decide (api/controller.h).
#include "api/json_codec.h"
#include "api/rest_v1.h"
#include "base/did_you_mean.h"

namespace drover::api::rest_v1 {

std::string unknown_service_message(const std::string& name,
                                    const std::vector<core::ServiceView>& views) {
  std::vector<std::string> names;
  std::string known;
  for (const core::ServiceView& view : views) {
    names.push_back(view.name);
    known += (known.empty() ? "" : ", ") + view.name;
  }
  std::string message = "unknown service \"" + name + "\"" + did_you_mean(name, names);
  return message + (known.empty() ? "; no services are configured" : "; known services: " + known);
}

namespace {

std::vector<std::string> target_names(const PathParams& params) {
  return {std::string(path_param(params, "name"))};
}

}  // namespace

Response list_services(Controller& controller, const Request&, const PathParams&) {
  return json_response(200, render_services(controller.services()));
}

Response get_service(Controller& controller, const Request&, const PathParams& params) {
  std::string name(path_param(params, "name"));
  std::vector<core::ServiceView> views = controller.services();
  for (const core::ServiceView& view : views) {
    if (view.name == name) {
      return json_response(200, render_service(view));
    }
  }
  return error_response(make_error(Errc::NotFound, unknown_service_message(name, views)));
}

Response start_service(Controller& controller, const Request&, const PathParams& params) {
  return execute_command(controller, core::StartCommand{target_names(params)}, 200);
}

Response stop_service(Controller& controller, const Request&, const PathParams& params) {
  return execute_command(controller, core::StopCommand{target_names(params)}, 200);
}

Response restart_service(Controller& controller, const Request&, const PathParams& params) {
  return execute_command(controller, core::RestartCommand{target_names(params)}, 200);
}

Response trigger_service(Controller& controller, const Request&, const PathParams& params) {
  return execute_command(controller, core::TriggerCommand{target_names(params)}, 200);
}

Response signal_service(Controller& controller, const Request& request, const PathParams& params) {
  Result<int> signo = parse_signal_body(request.body);
  if (!signo) {
    return error_response(signo.error());
  }
  return execute_command(controller, core::SignalCommand{target_names(params), *signo}, 200);
}

}  // namespace drover::api::rest_v1
