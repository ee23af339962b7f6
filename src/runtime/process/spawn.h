#pragma once

#include "base/result.h"
#include "base/unique_fd.h"
#include "core/model.h"
#include "core/service_status.h"
#include "runtime/process/resource_limits.h"

#include <optional>
#include <string>
#include <sys/resource.h>
#include <sys/types.h>
#include <vector>

namespace drover::runtime {

// A service's command resolved against the filesystem and the user database,
// ready to hand to the child. Built before fork so that every failure that can
// be explained (command not in PATH, unknown user) is explained in the parent.
struct SpawnPlan {
  std::string executable;  // Resolved path of argv[0].
  std::vector<std::string> argv;
  std::vector<std::string> envp;  // "KEY=VALUE"
  std::string working_dir;
  // The service gets drover's own stdin/stdout/stderr and the terminal's
  // foreground (`drover run` with a terminal), instead of /dev/null and pipes.
  bool interactive = false;
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
  std::vector<gid_t> groups;
  int umask = -1;
  // The open-files limit the service gets: drover raises its own soft limit
  // (it holds two pipes per service) but services keep the one drover was
  // started with.
  std::optional<rlimit> open_files;
  // `resources:` as rlimits (resource_limits.h); applied before the user switch.
  std::vector<ResourceLimit> limits;
  // cgroup.procs of the service's cgroup (cgroup_tree.h), opened by the
  // caller, which keeps them open until spawn_child returns.
  std::vector<int> cgroup_procs;
  // `ready: {fd: N}`: the child gets the write end of a pipe as fd N; -1: none.
  int ready_fd = -1;
  // Event listeners read events on stdin, and supervisord's programs may be
  // written to: a pipe instead of /dev/null.
  bool stdin_pipe = false;
};

// `environ` is drover's own environment; the spec's env entries override it.
// With `user`, HOME, USER and LOGNAME are set from /etc/passwd unless the spec
// sets them.
Result<SpawnPlan> prepare_spawn(const core::ServiceSpec& spec, char* const* environment);

struct SpawnedChild {
  pid_t pid = 0;
  UniqueFd exec_status;  // Readable end: EOF = exec succeeded; 8 bytes = ChildFailure.
  UniqueFd stdout_pipe;  // Readable ends, non-blocking, close-on-exec.
  UniqueFd stderr_pipe;
  UniqueFd ready_pipe;  // Read end of the readiness pipe, when plan.ready_fd is set.
  UniqueFd stdin_pipe;  // Write end, non-blocking, when plan.stdin_pipe is set.
};

// A waitpid() status as the core's ExitStatus (code, or the killing signal).
core::ExitStatus exit_status_from_wait(int wait_status);

// Forks and execs. Returns as soon as the child exists; whether exec worked is
// learnt from `exec_status` (see read_exec_status). The child leads a new
// session and process group whose id is its pid.
Result<SpawnedChild> spawn_child(const SpawnPlan& plan);

// Reads the exec status pipe without blocking. Returns:
//   an Error (SpawnFailed, naming the step) when the child reported a failure;
//   true when exec succeeded (EOF); false when nothing is known yet.
// `executable` and `working_dir` are named in the messages.
Result<bool> read_exec_status(int fd, const std::string& executable,
                              const std::string& working_dir);

}  // namespace drover::runtime
