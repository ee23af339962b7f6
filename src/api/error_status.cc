// Errc -> HTTP status and error code. One table, so the API's documented
// status codes (docs/api.md) cannot drift between handlers.
#include "api/error_status.h"

#include <iterator>

namespace drover::api {
namespace {

struct ErrorMapping {
  Errc code;
  int status;
  std::string_view name;
};

constexpr ErrorMapping kErrorMappings[] = {
    {Errc::InvalidConfig, 422, "invalid_config"},
    {Errc::InvalidArgument, 400, "invalid_argument"},
    {Errc::NotFound, 404, "not_found"},
    {Errc::Conflict, 409, "conflict"},
    {Errc::SpawnFailed, 500, "spawn_failed"},
    {Errc::Io, 500, "io"},
    {Errc::Timeout, 500, "timeout"},
    {Errc::Unavailable, 503, "unavailable"},
    {Errc::PermissionDenied, 500, "permission_denied"},
    {Errc::Internal, 500, "internal"},
};

const ErrorMapping& mapping_for(Errc code) {
  for (const ErrorMapping& mapping : kErrorMappings) {
    if (mapping.code == code) {
      return mapping;
    }
  }
  return kErrorMappings[std::size(kErrorMappings) - 1];  // Internal.
}

}  // namespace

int http_status(Errc code) { return mapping_for(code).status; }

std::string_view error_code_name(Errc code) { return mapping_for(code).name; }

}  // namespace drover::api
