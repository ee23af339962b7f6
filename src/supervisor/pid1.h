#pragma once

#include <functional>
#include <sys/types.h>

namespace drover::supervisor {

// Makes drover the reaper of orphaned descendants when it is not PID 1
// (PR_SET_CHILD_SUBREAPER), so double-forked helpers are reaped by us rather
// than by the host's init. Returns false if the kernel refused.
bool become_subreaper();

// Collects every child that has exited (waitpid(-1, WNOHANG) until none is
// left) and calls `exited(pid, wait_status)` for each. Orphans are collected
// too: that is PID 1's duty.
void reap_children(const std::function<void(pid_t, int)>& exited);

}  // namespace drover::supervisor
