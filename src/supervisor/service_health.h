#pragma once

#include "core/health.h"
#include "health/notify_socket.h"
#include "runtime/runtime.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace drover::supervisor {

// The health-check bookkeeping of one service (health_checks.cc). Probes
// belong to one instance: results and timers of an older instance are
// recognised by `instance` and dropped.
struct ServiceHealth {
  explicit ServiceHealth(boost::asio::io_context& io) : next_probe(io), watchdog(io) {}

  core::HealthStatus status;         // Of the current process; only core::on_probe() changes it.
  runtime::InstanceId instance = 0;  // Whose process is being probed; 0: none.
  boost::asio::steady_timer next_probe;
  std::string output;                  // Of the last probe.
  int64_t latency_ms = -1;             // Of the last probe; -1: none yet.
  int64_t probe_at = 0;                // Wall-clock seconds of the last probe.
  std::string ready_status;            // Last STATUS= of a notify service.
  int main_pid = 0;                    // MAINPID= of the current instance, once adopted; 0: none.
  boost::asio::steady_timer watchdog;  // Armed while a notify service has `watchdog`.
  std::unique_ptr<health::NotifySocket> notify;  // `ready: notify`: of the current instance.
};

}  // namespace drover::supervisor
