#pragma once

#include "api/rpc_method.h"
#include "core/model.h"

#include <optional>

namespace drover::api::rpc {

// supervisord's check before a start (process.py get_execv_args): the
// program must exist (NO_FILE "can't find command '...'", searched in PATH
// when it has no '/') and be an executable file (NOT_EXECUTABLE). Nothing is
// spawned when it fails, so `supervisorctl start` says "no such file" at once.
std::optional<Fault> check_command(const core::ServiceSpec& spec);

}  // namespace drover::api::rpc
