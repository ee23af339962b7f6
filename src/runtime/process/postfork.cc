// The code between fork and exec. It runs in a copy of drover's address space
// where only async-signal-safe functions may be called (fork(2) in a process
// that may have had other threads; malloc's locks may be held). So: no
// allocation, no exceptions, no logging; every failure is reported as two
// ints through a close-on-exec pipe that the parent reads (fish's
// postfork.cpp and skalibs' cspawn follow the same discipline).
#include "runtime/process/postfork.h"

#include <cerrno>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace drover::runtime {
namespace {

[[noreturn]] void fail(const ChildPlan& plan, ChildStep step) {
  ChildFailure failure{step, errno};
  ssize_t ignored = ::write(plan.error_fd, &failure, sizeof failure);
  (void)ignored;
  ::_exit(127);
}

bool move_to(int from, int to) {
  if (from < 0 || from == to) {
    return true;
  }
  return ::dup2(from, to) == to;  // dup2 clears FD_CLOEXEC on the new descriptor.
}

void reset_signals(const ChildPlan& plan) {
  // Handlers are reset by exec anyway, but ignored signals (drover ignores
  // SIGPIPE) would stay ignored in the service, and a handler of drover's
  // must not run in a child that shares its memory before exec. Only the
  // signals drover changed are reset: one syscall each, while drover waits.
  struct sigaction action {};
  action.sa_handler = SIG_DFL;
  for (size_t i = 0; i < plan.signal_count; ++i) {
    ::sigaction(plan.signals_to_reset[i], &action, nullptr);
  }
  sigset_t empty;
  ::sigemptyset(&empty);
  ::sigprocmask(SIG_SETMASK, &empty, nullptr);
}

// An interactive service stays in drover's session (which owns the
// terminal) but leads its own process group, and that group becomes the
// terminal's foreground: Ctrl-C, Ctrl-Z and terminal reads go to it, as
// for a command a shell runs in the foreground. tcsetpgrp from a
// background group raises SIGTTOU, hence the mask (reset_signals clears
// it). Without a terminal on stdin, tcsetpgrp fails and nothing changes.
void take_terminal(const ChildPlan& plan) {
  if (::setpgid(0, 0) < 0) {
    fail(plan, ChildStep::Setsid);
  }
  sigset_t ttou;
  ::sigemptyset(&ttou);
  ::sigaddset(&ttou, SIGTTOU);
  ::sigprocmask(SIG_BLOCK, &ttou, nullptr);
  ::tcsetpgrp(0, ::getpid());
}

}  // namespace

void run_child(const ChildPlan& plan) {
  // Into the service's cgroup before anything else, so all it forks is too.
  for (size_t i = 0; i < plan.cgroup_count; ++i) {
    if (::write(plan.cgroup_procs[i], "0", 1) != 1) {
      fail(plan, ChildStep::Cgroup);
    }
  }
  if (plan.interactive) {
    take_terminal(plan);
  } else if (::setsid() < 0) {
    fail(plan, ChildStep::Setsid);
  }
  if (!move_to(plan.stdin_fd, 0) || !move_to(plan.stdout_fd, 1) || !move_to(plan.stderr_fd, 2)) {
    fail(plan, ChildStep::Stdio);
  }
  reset_signals(plan);
  if (plan.working_dir != nullptr && ::chdir(plan.working_dir) < 0) {
    fail(plan, ChildStep::Chdir);
  }
  if (plan.open_files != nullptr && ::setrlimit(RLIMIT_NOFILE, plan.open_files) < 0) {
    fail(plan, ChildStep::Rlimit);
  }
  // Before the user switch: an unprivileged user could not raise a hard limit.
  for (size_t i = 0; i < plan.limit_count; ++i) {
    if (::setrlimit(plan.limits[i].resource, &plan.limits[i].value) < 0) {
      fail(plan, ChildStep::Rlimit);
    }
  }
  if (plan.switch_user) {
    if (::setgroups(plan.group_count, plan.groups) < 0) {
      fail(plan, ChildStep::Setgroups);
    }
    if (::setgid(plan.gid) < 0) {
      fail(plan, ChildStep::Setgid);
    }
    if (::setuid(plan.uid) < 0) {
      fail(plan, ChildStep::Setuid);
    }
  }
  if (plan.umask >= 0) {
    ::umask(static_cast<mode_t>(plan.umask));
  }
  // Descriptors drover inherited without close-on-exec must not leak into
  // services; mark everything above stdio close-on-exec (kernel >= 5.11;
  // on older kernels our own descriptors are all O_CLOEXEC anyway).
  ::syscall(SYS_close_range, 3U, ~0U, CLOSE_RANGE_CLOEXEC);
  // The readiness fd is the one descriptor above stdio a service inherits;
  // dup2 after close_range, so it stays open across exec.
  if (plan.ready_fd >= 0 && !move_to(plan.ready_fd, plan.ready_target)) {
    fail(plan, ChildStep::Stdio);
  }
  ::execve(plan.path, plan.argv, plan.envp);
  fail(plan, ChildStep::Exec);
}

}  // namespace drover::runtime
