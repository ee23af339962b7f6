#pragma once

#include "runtime/process/resource_limits.h"

#include <sys/resource.h>
#include <sys/types.h>

namespace drover::runtime {

// Everything the child needs between fork and exec, prepared by the parent as
// plain pointers so the child allocates nothing.
struct ChildPlan {
  const char* path = nullptr;  // Absolute, or relative to `working_dir`.
  char* const* argv = nullptr;
  char* const* envp = nullptr;
  const char* working_dir = nullptr;  // nullptr: stay.
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  int error_fd = -1;
  int ready_fd = -1;         // Moved to ready_target after stdio; above ready_target and error_fd.
  int ready_target = -1;     // Close-on-exec pipe: EOF at the parent means exec succeeded.
  bool interactive = false;  // Own process group in drover's session, terminal foreground.
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
  const gid_t* groups = nullptr;
  size_t group_count = 0;
  int umask = -1;                         // -1: inherit.
  const rlimit* open_files = nullptr;     // RLIMIT_NOFILE to restore; nullptr: keep.
  const ResourceLimit* limits = nullptr;  // The service's `resources:`, set before setuid.
  size_t limit_count = 0;
  const int* cgroup_procs = nullptr;  // cgroup.procs fds to write "0" into: join first.
  size_t cgroup_count = 0;
  const int* signals_to_reset = nullptr;  // Dispositions to set back to SIG_DFL.
  size_t signal_count = 0;
};

// The steps the child takes, in order; reported to the parent on failure.
enum class ChildStep : int {
  Setsid = 1,
  Stdio,
  Signals,
  Chdir,
  Setgroups,
  Setgid,
  Setuid,
  Rlimit,
  Exec,
  Cgroup,
};

struct ChildFailure {
  ChildStep step;
  int error;
};

// Runs in the forked child: new session (so the service has its own process
// group), stdio, default signal dispositions and an empty mask, working
// directory, groups and user, umask, then execve. Only async-signal-safe
// calls; never returns. On failure writes a ChildFailure to error_fd and
// _exit(127)s.
[[noreturn]] void run_child(const ChildPlan& plan);

}  // namespace drover::runtime
