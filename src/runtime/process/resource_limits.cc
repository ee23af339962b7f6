// Resource limits without cgroups. cgroup v2 (memory.max, cpu.max, pids.max
// per service) is the real answer and is not built yet; until then rlimits
// give what they can, and the rest is said out loud at start.
#include "runtime/process/resource_limits.h"

#include "runtime/process/cgroup_tree.h"

namespace drover::runtime {

std::vector<ResourceLimit> limits_for(const core::ResourceSpec& resources) {
  std::vector<ResourceLimit> limits;
  auto add = [&](int resource, uint64_t value) {
    rlimit limit{static_cast<rlim_t>(value), static_cast<rlim_t>(value)};
    limits.push_back(ResourceLimit{resource, limit});
  };
  if (resources.nofile) {
    add(RLIMIT_NOFILE, *resources.nofile);
  }
  if (resources.memory) {
    add(RLIMIT_AS, *resources.memory);
  }
  if (resources.pids) {
    add(RLIMIT_NPROC, *resources.pids);
  }
  return limits;
}

std::vector<std::string> unenforced_resources(const core::ResourceSpec& resources,
                                              bool runs_as_root) {
  std::vector<std::string> missing;
  if (wants_cgroup(resources) && service_cgroups() != nullptr) {
    return missing;  // The service's cgroup enforces all of them; nofile is an rlimit.
  }
  if (resources.cpus) {
    missing.push_back("cpus");
  }
  if (resources.memory_swap) {
    missing.push_back("memory_swap");
  }
  if (resources.pids && runs_as_root) {
    missing.push_back("pids (RLIMIT_NPROC does not bind root)");
  }
  return missing;
}

}  // namespace drover::runtime
