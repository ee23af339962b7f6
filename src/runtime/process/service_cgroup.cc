#include "runtime/process/service_cgroup.h"

#include "runtime/process/cgroup_tree.h"

#include <csignal>
#include <sys/resource.h>

namespace drover::runtime {

// The service's cgroup, set up for the child to join: its cgroup.procs fds
// (kept open by the caller until the fork) and the plan without the rlimits
// the cgroup replaces (RLIMIT_AS would fail allocations before memory.max
// could OOM-kill). Empty when the service has no cgroup: rlimits apply.
std::vector<UniqueFd> join_cgroup(const core::ServiceSpec& spec, SpawnPlan& plan) {
  CgroupTree* tree = wants_cgroup(spec.resources) ? service_cgroups() : nullptr;
  if (tree == nullptr || !tree->add_service(spec.name, spec.resources).empty()) {
    return {};
  }
  std::vector<UniqueFd> procs = tree->open_procs(spec.name);
  if (procs.empty()) {
    return procs;
  }
  for (const UniqueFd& fd : procs) {
    plan.cgroup_procs.push_back(fd.get());
  }
  std::erase_if(plan.limits, [](const ResourceLimit& limit) {
    return limit.resource == RLIMIT_AS || limit.resource == RLIMIT_NPROC;
  });
  return procs;
}

// On a main process's end: the cause when its cgroup's OOM killer did it,
// and the end of whatever it left in its cgroup (a service is its cgroup).
void settle_cgroup(const std::string& cgroup, uint64_t memory_limit, uint64_t oom_kills_at_start,
                   core::ExitStatus& status) {
  CgroupTree* tree = cgroup.empty() ? nullptr : service_cgroups();
  if (tree == nullptr) {
    return;
  }
  if (status.signal == SIGKILL && tree->oom_kills(cgroup) > oom_kills_at_start) {
    status.cause = core::oom_reason(memory_limit, tree->version());
  }
  tree->kill_all(cgroup);
}

void kill_cgroup(const std::string& cgroup) {
  if (!cgroup.empty() && service_cgroups() != nullptr) {
    service_cgroups()->kill_all(cgroup);
  }
}

void remove_cgroup(const std::string& cgroup) {
  if (!cgroup.empty() && service_cgroups() != nullptr) {
    service_cgroups()->remove_service(cgroup);
  }
}

}  // namespace drover::runtime
