// PID-1 duties that are syscalls rather than policy (tini's register_subreaper
// and reap_zombies). The policy around them (ordered stop, exit codes) is in
// the supervisor.
#include "supervisor/pid1.h"

#include <cerrno>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace drover::supervisor {

bool become_subreaper() {
  if (::getpid() == 1) {
    return true;  // PID 1 reaps orphans by definition.
  }
  return ::prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0;
}

void reap_children(const std::function<void(pid_t, int)>& exited) {
  for (;;) {
    int status = 0;
    pid_t pid = ::waitpid(-1, &status, WNOHANG);
    if (pid > 0) {
      exited(pid, status);
      continue;
    }
    if (pid < 0 && errno == EINTR) {
      continue;
    }
    return;  // 0: children remain but none has exited; ECHILD: no children.
  }
}

}  // namespace drover::supervisor
