#pragma once

#include "cli/cli.h"
#include "cli/context.h"

#include <string>
#include <vector>

namespace drover::cli {

// run_supervisord() with explicit inputs and outputs, for tests. `args`
// includes the program name.
int run_supervisord_with(const std::vector<std::string>& args, const LocalHandlers& local,
                         const CliIo& io);

}  // namespace drover::cli
