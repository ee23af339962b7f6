#pragma once

#include "api/router.h"

// supervisord's HTTP endpoints (docs/api.md): POST /RPC2 (XML-RPC) and the
// never-ending log tails supervisorctl's `tail -f`, `maintail -f` and `fg` read.
namespace drover::api::rpc {

Response post_rpc2(Controller& controller, const Request& request, const PathParams& params);
// /logtail/{process}[/{channel}]: "stdout" (the default) or "stderr".
Response get_logtail(Controller& controller, const Request& request, const PathParams& params);
Response get_mainlogtail(Controller& controller, const Request& request, const PathParams& params);

}  // namespace drover::api::rpc
