#pragma once

#include "cli/cli.h"

#include <string>

namespace drover {

// `drover run NAME`: supervises NAME and the oneshots it depends on (all its
// dependencies with --with-deps), gives it the terminal when stdin is one,
// and returns its exit code (128+signal when killed).
int run_role(const cli::RunRequest& request);

// `drover roles`: one line per service with its type and what runs first.
int list_roles(const std::string& config_flag);

}  // namespace drover
