#include "core/schedule_run.h"

#include "base/duration.h"
#include "core/restart_policy.h"

namespace drover::core {

RunVerdict decide_run(const ScheduleSpec& schedule, bool previous_running, Duration late) {
  if (schedule.starting_deadline.count() > 0 && late > schedule.starting_deadline) {
    return {RunDecision::Skip, "skipped: could not start within starting_deadline " +
                                   format_duration(schedule.starting_deadline) + " (" +
                                   format_duration(late) + " late)"};
  }
  if (!previous_running) {
    return {RunDecision::Start, ""};
  }
  if (schedule.concurrency == ConcurrencyPolicy::Replace) {
    return {RunDecision::Replace, ""};
  }
  if (schedule.concurrency == ConcurrencyPolicy::Allow) {
    return {RunDecision::Beside, ""};
  }
  return {RunDecision::Skip, "skipped: previous run still running"};
}

std::string describe_run_result(const ScheduleSpec& schedule, const ServiceStatus& status,
                                bool killed_by_max_runtime) {
  if (killed_by_max_runtime) {
    return "killed: max_runtime " + format_duration(schedule.max_runtime) + " exceeded";
  }
  if (status.state == State::Exited) {
    return status.reason.empty() ? "completed" : status.reason;
  }
  if (status.state == State::Stopped) {
    return "stopped";
  }
  if (!status.reason.empty()) {
    return status.reason;
  }
  return status.last_exit ? "failed (" + describe_exit(*status.last_exit) + ")" : "failed";
}

std::string describe_beside_result(const ServiceSpec& spec, const std::optional<ExitStatus>& exit,
                                   const std::string& spawn_error, bool killed_by_max_runtime) {
  if (killed_by_max_runtime) {
    return "killed: max_runtime " + format_duration(spec.schedule.max_runtime) + " exceeded";
  }
  if (!exit) {
    return "failed to start: " + spawn_error;
  }
  return (is_success(spec, *exit) ? "completed (" : "failed (") + describe_exit(*exit) + ")";
}

}  // namespace drover::core
