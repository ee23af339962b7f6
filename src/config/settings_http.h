#pragma once

#include "config/config_error.h"
#include "config/node.h"
#include "core/model.h"

namespace drover::config {

// `settings.http`: the control API on TCP, with its credentials (issue #5).
// `http` is the value of that key.
void read_http_settings(const Node& http, core::HttpListenerSpec& spec, Errors& errors);

}  // namespace drover::config
