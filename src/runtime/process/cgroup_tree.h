#pragma once

#include "base/unique_fd.h"
#include "core/cgroup_text.h"
#include "core/model.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drover::runtime {

// drover's own sub-tree of cgroups (decision 0012): <own>/drover-<pid>, with
// one cgroup per service under it, on the v2 unified hierarchy or in each v1
// controller (memory, cpu, cpuacct, pids). The I/O half; what the kernel's
// files mean is core/cgroup_text. Every call is a few small file operations
// on a pseudo-filesystem, cheap enough for the loop, and only made on a
// service's start, exit, stop or status request: an idle drover makes none.
class CgroupTree {
 public:
  // Detects the backend from /proc/self and creates drover's directory
  // under `root_override` (a test hook: a directory standing in for drover's
  // own cgroup on the detected backend) or its own cgroup. `why_not` says why
  // there is no tree (not root, read-only, no controllers), for the one
  // fallback warning.
  static std::optional<CgroupTree> create(const std::string& root_override, std::string& why_not);

  CgroupTree(CgroupTree&&) = default;
  CgroupTree& operator=(CgroupTree&&) = default;
  ~CgroupTree();  // Removes drover's directory (empty service cgroups too).

  core::CgroupVersion version() const { return layout_.version; }

  // Creates the service's cgroup and writes its limits. Empty on success,
  // otherwise what failed (the service then runs with rlimits only).
  std::string add_service(const std::string& service, const core::ResourceSpec& resources);

  // cgroup.procs of the service, opened for writing before fork: the child
  // writes "0" into each (the kernel reads 0 as "the writer") before exec,
  // so it and all it forks are inside from the first instruction. This
  // rather than clone3(CLONE_INTO_CGROUP): it works on v1 as well, and the
  // child already runs a list of async-signal-safe steps (postfork).
  std::vector<UniqueFd> open_procs(const std::string& service) const;

  // The OOM killer's count for the service (v2 memory.events, v1
  // memory.oom_control); 0 when unreadable.
  uint64_t oom_kills(const std::string& service) const;

  // Current memory in bytes and CPU time in microseconds, for status.
  std::optional<uint64_t> memory_bytes(const std::string& service) const;
  std::optional<uint64_t> cpu_micros(const std::string& service) const;

  // SIGKILLs every process left in the service's cgroup (v2 cgroup.kill;
  // v1 cgroup.procs read and killed until empty), so nothing escapes a stop
  // by setsid.
  void kill_all(const std::string& service) const;

  // Whether any process is still in the service's cgroup.
  bool has_processes(const std::string& service) const;

  // rmdir of the service's cgroup(s); the caller kills first.
  void remove_service(const std::string& service) const;

 private:
  explicit CgroupTree(core::CgroupLayout layout) : layout_(std::move(layout)) {}
  std::string dir(const std::string& controller, const std::string& service) const;
  std::vector<std::string> distinct_dirs(const std::string& service) const;
  std::string procs_path(const std::string& service) const;

  core::CgroupLayout layout_;  // own_dirs hold drover's directory, not its parent.
};

// drover's one tree, created on first use (the first service with cgroup
// resources, or the start-up warning); nullptr when cgroups are unusable.
// DROVER_CGROUP_ROOT (a test hook) points the tree at another directory,
// e.g. an unwritable one to exercise the fallback.
CgroupTree* service_cgroups();

// Why service_cgroups() is nullptr, for the fallback warning.
const std::string& cgroups_unavailable_reason();

// Whether `resources` has anything a cgroup enforces (all but nofile).
bool wants_cgroup(const core::ResourceSpec& resources);

}  // namespace drover::runtime
