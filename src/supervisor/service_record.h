#pragma once

#include "core/capture_scanner.h"
#include "core/model.h"
#include "core/service_status.h"
#include "log/file_follower.h"
#include "log/line_splitter.h"
#include "runtime/runtime.h"
#include "supervisor/schedule_state.h"
#include "supervisor/service_health.h"
#include "supervisor/service_output.h"
#include "supervisor/service_timers.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace drover::supervisor {

// Everything the supervisor keeps for one service. `status` is written only
// through core::step(); the rest is orchestration bookkeeping around it.
struct ServiceRecord {
  ServiceRecord(boost::asio::io_context& io, core::ServiceSpec service_spec,
                const core::Settings& settings, size_t color_index)
      : spec(std::move(service_spec)),
        color(color_index),
        stdout_lines(spec.log.max_line),
        stderr_lines(spec.log.max_line),
        stdout_capture(spec.log.stdout_capture),
        stderr_capture(spec.log.stderr_capture),
        output(std::make_unique<ServiceOutput>(spec, settings)),
        timers(io),
        health(io),
        schedule(io) {}

  core::ServiceSpec spec;
  core::ServiceStatus status;
  runtime::InstanceId instance = 0;           // The current (or last) spawn.
  runtime::InstanceId previous_instance = 0;  // Its helpers may still print.

  bool start_pending = false;  // Wants to start once its dependencies allow.
  std::string waiting_reason;  // Why a pending start has not happened yet.

  // Reload: a removed service is erased once at rest; a changed one gets its
  // new spec once at rest, and is started again if it was wanted up.
  bool removing = false;
  std::optional<core::ServiceSpec> replacement;
  bool start_after_replacement = false;

  size_t color;
  log::LineSplitter stdout_lines;
  log::LineSplitter stderr_lines;
  // Used only when spec.log.*_capture > 0 (supervisord's capture mode).
  core::CaptureScanner stdout_capture;
  core::CaptureScanner stderr_capture;
  std::unique_ptr<ServiceOutput> output;  // Files and ring; remade when a reload changes the spec.

  // Files the service writes itself (log.follow), tailed into its ring and
  // the unified stream.
  struct FollowedFile {
    std::unique_ptr<log::FileFollower> follower;
    log::LineSplitter lines;
  };
  std::vector<std::unique_ptr<FollowedFile>> followed;
  ServiceTimers timers;
  ServiceHealth health;
  ScheduleState schedule;  // Used only when spec.schedule.scheduled().
};

}  // namespace drover::supervisor
