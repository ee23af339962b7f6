#pragma once

#include "base/error.h"

#include <string>
#include <vector>

namespace drover::config {

// Readers report into an Errors list and keep going, so one run of
// `drover check` shows every problem in the file.
using Errors = std::vector<Error>;

// An InvalidConfig error rendered as "file:line:col: field: message".
Error config_error(const SourceLocation& at, std::string field, std::string message);

// "services.web" + "restart" -> "services.web.restart".
std::string join_field(const std::string& prefix, const std::string& key);

// Orders errors by line and column within the config file, with errors
// located in other files (env files) after them, so output reads top to
// bottom like a compiler's. Stable: equal locations keep discovery order.
void sort_errors(Errors& errors, const std::string& config_file);

}  // namespace drover::config
