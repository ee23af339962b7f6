#pragma once

#include "api/http_server.h"
#include "base/result.h"
#include "core/model.h"

namespace drover {

// Opens the control API's listeners from `settings`: the unix socket (with
// the mode, owner and credentials of settings.control_access) and, when
// settings.http.listen is set, the TCP listener with its credentials.
// Nothing is left listening when it fails.
Result<void> open_api_listeners(api::HttpServer& server, const core::Settings& settings);

}  // namespace drover
