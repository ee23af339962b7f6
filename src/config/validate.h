#pragma once

#include "base/error.h"
#include "config/config_error.h"
#include "core/model.h"

#include <vector>

namespace drover::config {

// Where a service and its dependencies were written, so that checks done on
// the finished specs can still point into the file.
struct ServiceLocations {
  SourceLocation name_at;
  std::vector<SourceLocation> dependency_at;  // Parallel to ServiceSpec::depends_on.
  SourceLocation timezone_at;                 // The `timezone:` value, if any.
  SourceLocation host_at;                     // The `host:` value of a remote service.
};

// The checks that need every service at once, shared by all config readers:
// service names ([A-Za-z0-9][A-Za-z0-9_.-]*, and not the reserved "all");
// dependencies on unknown services (with a did-you-mean), on the service
// itself, or listed twice; and the first dependency cycle, reported at the
// depends_on entry of the cycle's first service.
// REQUIRES: where.size() == services.size(), and each dependency_at
// parallel to its spec's depends_on.
void validate_services(const std::vector<core::ServiceSpec>& services,
                       const std::vector<ServiceLocations>& where, Errors& errors);

}  // namespace drover::config
