#pragma once

#include "core/model.h"

#include <string>
#include <sys/resource.h>
#include <vector>

namespace drover::runtime {

struct ResourceLimit {
  int resource = 0;  // RLIMIT_*
  rlimit value{};
};

// The rlimits that express `resources` (decision 0012): nofile as
// RLIMIT_NOFILE, memory as RLIMIT_AS (address space, which is more than
// resident memory), pids as RLIMIT_NPROC (per user, and not binding on
// root). Soft and hard limits are equal, so the service cannot raise them.
std::vector<ResourceLimit> limits_for(const core::ResourceSpec& resources);

// What of `resources` the process runtime cannot enforce, one phrase each
// ("cpus", "memory_swap", "pids (running as root)"), for a warning.
std::vector<std::string> unenforced_resources(const core::ResourceSpec& resources,
                                              bool runs_as_root);

}  // namespace drover::runtime
