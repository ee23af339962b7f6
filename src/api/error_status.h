#pragma once

#include "base/error.h"

#include <string_view>

namespace drover::api {

// The one table from drover's error vocabulary to HTTP: the status code and
// the stable machine-readable code put in {"error":{"code":...}}, which
// clients may branch on (docs/api.md lists them).
int http_status(Errc code);
std::string_view error_code_name(Errc code);  // "not_found", "invalid_argument", ...

}  // namespace drover::api
