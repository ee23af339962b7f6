#pragma once

// The supervisord alias (supervisord_main.cc).
#include "up.h"

#include "base/result.h"
#include "cli/cli.h"
#include "config/config.h"
#include "core/model.h"

#include <string>

namespace drover {

// `supervisord [flags]`: finds the config as supervisord does, applies the
// flags, sets limits, drops privileges, daemonizes unless nodaemon, writes
// the pidfile and supervises.
int run_as_supervisord(const cli::SupervisordInvocation& invocation);

}  // namespace drover
