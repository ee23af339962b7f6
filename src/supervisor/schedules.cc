// Scheduled services (issue #9, docs/decisions/0010): one steady timer per
// service, armed to its next due time; nothing wakes drover between due
// times. Each due time starts a run, a oneshot instance through the normal
// start path, unless core::decide_run() says to skip it or to replace the
// previous run. The wall clock is read only here, when a timer is armed or
// fires: a wall-clock jump is noticed at the next fire, which recomputes
// the due time from the clock then.
#include "tz/tz_database.h"

#include "base/duration.h"
#include "core/cron_schedule.h"
#include "core/plan.h"
#include "core/schedule_run.h"
#include "log/diagnostics.h"
#include "supervisor/supervisor.h"

#include <boost/asio/post.hpp>

#include <cstdio>

namespace drover::supervisor {
namespace {

using std::chrono::system_clock;

core::Instant wall_now() { return std::chrono::floor<std::chrono::seconds>(system_clock::now()); }

int64_t epoch_seconds(system_clock::time_point point) {
  return std::chrono::duration_cast<std::chrono::seconds>(point.time_since_epoch()).count();
}

// "2026-11-23 20:05:00 Europe/Berlin": the instant on the schedule's wall clock.
std::string format_local(core::Instant instant, const core::ZoneRules& zone) {
  core::Instant local = zone.local_time(instant);
  auto day = std::chrono::floor<std::chrono::days>(local);
  std::chrono::year_month_day date{day};
  std::chrono::hh_mm_ss time{local - day};
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u %02lld:%02lld:%02lld", int(date.year()),
                unsigned(date.month()), unsigned(date.day()),
                static_cast<long long>(time.hours().count()),
                static_cast<long long>(time.minutes().count()),
                static_cast<long long>(time.seconds().count()));
  return std::string(text) + " " + (zone.name.empty() ? "UTC" : zone.name);
}

// A run is in progress while the service has a process, is stopping, or is
// backing off before another spawn attempt.
bool has_work(const ServiceRecord& service) {
  core::State state = service.status.state;
  return !core::is_at_rest(state) || state == core::State::Backoff;
}

}  // namespace

void Supervisor::arm_schedule(ServiceRecord& service) {
  ScheduleState& schedule = service.schedule;
  schedule.due_timer.cancel();
  schedule.armed = false;
  const core::ScheduleSpec& spec = service.spec.schedule;
  if (!spec.scheduled()) {
    return;
  }
  Result<core::ZoneRules> zone = tz::TzDatabase().load(spec.timezone);
  if (!zone) {
    log::error(service.spec.name, "schedule not armed: " + zone.error().message);
    return;
  }
  schedule.zone = std::move(*zone);
  arm_next_run(service, wall_now());
}

// Arms the timer for the first due time after `after` that is still in the
// future: due times that passed while drover was busy or the wall clock
// jumped forward are not run late one after another.
void Supervisor::arm_next_run(ServiceRecord& service, core::Instant after) {
  ScheduleState& schedule = service.schedule;
  const core::CronExpression& cron = service.spec.schedule.expression;
  core::Instant now = wall_now();
  std::optional<core::Instant> next = core::next_run(cron, after, schedule.zone);
  if (next && *next <= now) {
    next = core::next_run(cron, now, schedule.zone);
  }
  if (!next) {
    schedule.armed = false;
    log::warn(service.spec.name, "its schedule never runs again");
    return;
  }
  schedule.armed = true;
  schedule.next_due = *next;
  auto wait = std::max<system_clock::duration>(*next - system_clock::now(), {});
  schedule.due_timer.arm(wait, [this, name = service.spec.name] { schedule_due(name); });
}

void Supervisor::schedule_due(const std::string& name) {
  ServiceRecord* service = find(name);
  if (service == nullptr || shutting_down_ || service->removing ||
      !service->spec.schedule.scheduled()) {
    return;
  }
  core::Instant due = service->schedule.next_due;
  system_clock::time_point now = system_clock::now();
  if (now + std::chrono::seconds(1) < due) {
    // Woke early: the wall clock was set back. Ask again from the clock now.
    arm_next_run(*service, wall_now());
    return;
  }
  auto late = std::chrono::duration_cast<Duration>(std::max<system_clock::duration>(now - due, {}));
  start_scheduled_run(*service, late);
  arm_next_run(*service, due);
}

core::CommandOutcome Supervisor::start_scheduled_run(ServiceRecord& service, Duration late) {
  ScheduleState& schedule = service.schedule;
  const std::string& name = service.spec.name;
  core::RunVerdict verdict =
      core::decide_run(service.spec.schedule, schedule.run_active || has_work(service), late);
  switch (verdict.decision) {
    case core::RunDecision::Skip:
      ++schedule.skipped_runs;
      schedule.last_skip = verdict.reason;
      log::info(name, "run " + verdict.reason);
      return {name, false, verdict.reason};
    case core::RunDecision::Replace:
      log::info(name, "concurrency replace: stopping the previous run");
      schedule.replace_pending = true;
      request_stop(service);
      return {name, true, "replacing the previous run"};
    case core::RunDecision::Beside:
      return start_beside_run(service);
    case core::RunDecision::Start:
      break;
  }
  request_start(service);
  return {name, true, service.start_pending ? service.waiting_reason : "running"};
}

core::CommandOutcome Supervisor::trigger_one(ServiceRecord& service) {
  if (!service.spec.schedule.scheduled()) {
    return {service.spec.name, false, "not a scheduled service (use start)"};
  }
  return start_scheduled_run(service, Duration{0});
}

// Called on every state change of a scheduled service: notes when a run
// begins (however it was started) and records how it ended.
void Supervisor::track_run(ServiceRecord& service) {
  ScheduleState& schedule = service.schedule;
  const std::string& name = service.spec.name;
  if (has_work(service) && !schedule.run_active) {
    schedule.run_active = true;
    schedule.run_started = system_clock::now();
    schedule.killed_by_max_runtime = false;
    ++schedule.runs;
    Duration limit = service.spec.schedule.max_runtime;
    if (limit.count() > 0) {
      schedule.runtime_timer.arm(limit, [this, name] { max_runtime_exceeded(name); });
    }
    return;
  }
  if (has_work(service) || !schedule.run_active) {
    return;
  }
  schedule.run_active = false;
  schedule.runtime_timer.cancel();
  auto elapsed = system_clock::now() - schedule.run_started;
  schedule.last_run_at = epoch_seconds(schedule.run_started);
  schedule.last_run_duration_ms = std::chrono::duration_cast<Duration>(elapsed).count();
  schedule.last_run_result = core::describe_run_result(service.spec.schedule, service.status,
                                                       schedule.killed_by_max_runtime);
  log::info(name, "run finished: " + schedule.last_run_result + " after " +
                      format_duration(Duration{schedule.last_run_duration_ms}));
  if (schedule.replace_pending) {
    schedule.replace_pending = false;
    // After the current state change has been handled.
    boost::asio::post(io_, [this, name] {
      ServiceRecord* again = find(name);
      if (again != nullptr && !shutting_down_ && !again->removing && !again->replacement &&
          !has_work(*again)) {
        request_start(*again);
      }
    });
  }
}

void Supervisor::max_runtime_exceeded(const std::string& name) {
  ServiceRecord* service = find(name);
  if (service == nullptr || !service->schedule.run_active || !has_work(*service)) {
    return;
  }
  service->schedule.killed_by_max_runtime = true;
  log::warn(name, "run exceeded max_runtime " +
                      format_duration(service->spec.schedule.max_runtime) + "; stopping it");
  if (service->status.state != core::State::Stopping) {
    request_stop(*service);
  }
}

void Supervisor::fill_schedule_view(const ServiceRecord& service, core::ServiceView& view) const {
  const ScheduleState& schedule = service.schedule;
  view.schedule = service.spec.schedule.cron;
  view.timezone = schedule.zone.name.empty() ? "UTC" : schedule.zone.name;
  view.next_run_at = schedule.armed ? schedule.next_due.time_since_epoch().count() : 0;
  view.last_run_at = schedule.last_run_at;
  view.last_run_result = schedule.last_run_result;
  view.last_run_duration_ms = schedule.last_run_duration_ms;
  view.runs = schedule.runs;
  view.skipped_runs = schedule.skipped_runs;
  std::string summary;
  if (schedule.last_run_at != 0) {
    core::Instant at{std::chrono::seconds(schedule.last_run_at)};
    summary = "last run " + format_local(at, schedule.zone) + ": " + schedule.last_run_result +
              " in " + format_duration(Duration{schedule.last_run_duration_ms});
  }
  if (schedule.armed) {
    summary += (summary.empty() ? "" : "; ") + std::string("next run ") +
               format_local(schedule.next_due, schedule.zone);
  }
  if (!schedule.beside.empty()) {
    summary += "; " + std::to_string(schedule.beside.size()) + " more run(s) in progress";
  }
  if (schedule.skipped_runs > 0) {
    summary +=
        "; " + std::to_string(schedule.skipped_runs) + " skipped (" + schedule.last_skip + ")";
  }
  if (has_work(service) || service.start_pending) {
    view.description += (view.description.empty() ? "" : "; ") + summary;
  } else {
    view.description = summary.empty() ? "waiting for its first run" : summary;
  }
}

}  // namespace drover::supervisor
