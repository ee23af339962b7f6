#pragma once

#include "core/service_view.h"

#include <cstdint>
#include <string>
#include <vector>

namespace drover::api {

// drover's own figures for /metrics, beside the per-service views.
struct DaemonStats {
  uint64_t resident_bytes = 0;
  uint64_t open_fds = 0;
  double start_time_seconds = 0;  // Wall clock, since the epoch.
  double event_loop_lag_seconds = 0;
};

// The Prometheus text exposition format (version 0.0.4) for `views` and
// `daemon`: one HELP and TYPE per family, services as a `service` label.
std::string render_metrics(const std::vector<core::ServiceView>& views, const DaemonStats& daemon);

// RSS and open file descriptors from /proc/self; zeros where unreadable.
void read_process_stats(DaemonStats& stats);

}  // namespace drover::api
