#pragma once

#include "core/model.h"
#include "core/service_status.h"

#include <string>

namespace drover::core {

// What to do when a scheduled service's run is due (issue #9). Pure: the
// supervisor passes in whether the previous run still has a process and how
// late the start would be; it carries out the verdict.
enum class RunDecision {
  Start,    // Start a run now.
  Skip,     // Do not run; `reason` says why (counted as a skipped run).
  Replace,  // Stop the previous run (normal stop path), then start.
  Beside,   // concurrency allow: start another run while the previous one goes on.
};

struct RunVerdict {
  RunDecision decision = RunDecision::Start;
  std::string reason;  // For Skip: "skipped: previous run still running".
};

// `late`: how long after its due time the run would start (0 for `drover
// trigger`, which is due now). `previous_running`: the previous run still
// has a process (or is stopping). starting_deadline is checked first: a run
// that cannot start in time is skipped whatever the concurrency.
RunVerdict decide_run(const ScheduleSpec& schedule, bool previous_running, Duration late);

// The result line of a finished run for `status`: "completed (exit status
// 0)", "failed (exit status 3)", "killed: max_runtime 10m exceeded",
// "stopped". `killed_by_max_runtime` wins over the exit status (the run was
// stopped by drover, so its exit says little).
std::string describe_run_result(const ScheduleSpec& schedule, const ServiceStatus& status,
                                bool killed_by_max_runtime);

// The same for a run started beside another (concurrency allow), which has
// no state of its own: its exit status (none when it could not be spawned:
// then `spawn_error`) judged against the service's success_exit_codes.
std::string describe_beside_result(const ServiceSpec& spec, const std::optional<ExitStatus>& exit,
                                   const std::string& spawn_error, bool killed_by_max_runtime);

}  // namespace drover::core
