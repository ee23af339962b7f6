// Daemon-wide handlers: the readiness check, reload and shutdown.
#include "api/json_codec.h"
#include "api/metrics.h"
#include "api/rest_v1.h"

namespace drover::api::rest_v1 {
Response execute_command(Controller& controller, const core::Command& command, int ok_status) {
  Result<std::vector<core::CommandOutcome>> outcomes = controller.execute(command);
  if (!outcomes) {
    return error_response(outcomes.error());
  }
  return json_response(ok_status, render_outcomes(*outcomes));
}

// Answers without asking the controller: it only proves the loop is serving.
Response get_health(Controller&, const Request&, const PathParams&) {
  return json_response(200, render_status("ok"));
}

// Prometheus scrapes this; it is unversioned like every exporter's /metrics.
Response get_metrics(Controller& controller, const Request&, const PathParams&) {
  DaemonStats daemon;
  read_process_stats(daemon);
  Controller::LoopStats loop = controller.loop_stats();
  daemon.start_time_seconds = loop.start_time_seconds;
  daemon.event_loop_lag_seconds = loop.event_loop_lag_seconds;
  Response response;
  response.body = render_metrics(controller.services(), daemon);
  response.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return response;
}

Response get_stack_health(Controller& controller, const Request&, const PathParams&) {
  std::vector<core::ServiceView> views = controller.services();
  core::HealthSummary summary = core::summarize_health(views);
  return json_response(summary.healthy ? 200 : 503, render_stack_health(summary, views));
}

Response reload(Controller& controller, const Request&, const PathParams&) {
  return execute_command(controller, core::ReloadCommand{}, 200);
}

// 202: the controller has only begun the ordered stop; the process exits later.
Response shutdown(Controller& controller, const Request&, const PathParams&) {
  return execute_command(controller, core::ShutdownCommand{}, 202);
}

}  // namespace drover::api::rest_v1
