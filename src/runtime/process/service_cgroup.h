#pragma once

#include "base/unique_fd.h"
#include "core/model.h"
#include "core/service_status.h"
#include "runtime/process/spawn.h"

#include <cstdint>
#include <string>
#include <vector>

// A process service's cgroup around its spawn and its exit (decision 0012),
// over the shared CgroupTree.
namespace drover::runtime {

// Creates the service's cgroup, writes its limits and returns its
// cgroup.procs fds, recorded in `plan` for the child to join before exec;
// the caller keeps them open until the fork. Drops the rlimits the cgroup
// replaces (RLIMIT_AS would fail allocations before memory.max could
// OOM-kill). Empty when the service has no cgroup: rlimits apply.
std::vector<UniqueFd> join_cgroup(const core::ServiceSpec& spec, SpawnPlan& plan);

// On the main process's end: sets the cause when its cgroup's OOM killer
// did it, and kills what it left in its cgroup (a service is its cgroup).
void settle_cgroup(const std::string& cgroup, uint64_t memory_limit, uint64_t oom_kills_at_start,
                   core::ExitStatus& status);

// kill_all and remove_service of the shared tree; nothing for "" (no cgroup).
// Removal fails harmlessly while a restarted instance uses the cgroup again.
void kill_cgroup(const std::string& cgroup);
void remove_cgroup(const std::string& cgroup);

}  // namespace drover::runtime
