#pragma once

#include "api/router.h"

// The v1 handlers, one file per resource group: rest_v1_services.cc (the
// services collection), rest_v1_system.cc (health, reload, shutdown) and
// rest_v1_logs.cc (the rings' lines).
// Their contracts are the routes in docs/api.md; router.cc wires them.
namespace drover::api::rest_v1 {

// Runs `command` and renders {"results":[...]} with `ok_status`, or the
// controller's error with the status from the Errc table.
Response execute_command(Controller& controller, const core::Command& command, int ok_status);

// `unknown service "wev"; did you mean "web"?; known services: web, db`.
std::string unknown_service_message(const std::string& name,
                                    const std::vector<core::ServiceView>& views);

Response get_metrics(Controller& controller, const Request& request, const PathParams& params);
Response get_health(Controller& controller, const Request& request, const PathParams& params);
// GET /health: 200 when core::summarize_health says healthy, else 503; the
// body lists every service's state and health, and the reasons.
Response get_stack_health(Controller& controller, const Request& request, const PathParams& params);
Response list_services(Controller& controller, const Request& request, const PathParams& params);
Response get_service(Controller& controller, const Request& request, const PathParams& params);
Response start_service(Controller& controller, const Request& request, const PathParams& params);
Response stop_service(Controller& controller, const Request& request, const PathParams& params);
Response restart_service(Controller& controller, const Request& request, const PathParams& params);
Response trigger_service(Controller& controller, const Request& request, const PathParams& params);
Response signal_service(Controller& controller, const Request& request, const PathParams& params);
Response reload(Controller& controller, const Request& request, const PathParams& params);
Response shutdown(Controller& controller, const Request& request, const PathParams& params);
Response get_logs(Controller& controller, const Request& request, const PathParams& params);
Response get_service_logs(Controller& controller, const Request& request, const PathParams& params);

}  // namespace drover::api::rest_v1
