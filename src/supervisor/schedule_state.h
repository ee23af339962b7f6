#pragma once

#include "core/service_status.h"
#include "core/zone_rules.h"
#include "log/line_splitter.h"
#include "runtime/runtime.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace drover::supervisor {

// One steady timer that can be re-armed or cancelled reliably: a generation
// number drops a wait whose handler was already queued when it was re-armed
// (Asio then reports success, not operation_aborted).
class OneTimer {
 public:
  explicit OneTimer(boost::asio::io_context& io) : timer_(io) {}

  void arm(std::chrono::steady_clock::duration after, std::function<void()> fire) {
    uint64_t generation = ++generation_;
    timer_.expires_after(after);
    timer_.async_wait([this, generation, fire = std::move(fire)](boost::system::error_code ec) {
      // On destruction the wait completes with operation_aborted: return
      // before touching `this`.
      if (ec || generation_ != generation) {
        return;
      }
      fire();
    });
  }
  void cancel() {
    ++generation_;
    timer_.cancel();
  }

 private:
  boost::asio::steady_timer timer_;
  uint64_t generation_ = 0;
};

// What the supervisor keeps for a scheduled service (issue #9,
// supervisor/schedules.cc): its zone, the timer to the next due time, the
// run in progress and the last finished one.
struct ScheduleState {
  explicit ScheduleState(boost::asio::io_context& io) : due_timer(io), runtime_timer(io) {}

  core::ZoneRules zone;      // Loaded once per config load or reload.
  bool armed = false;        // The zone loaded and a next due time exists.
  core::Instant next_due{};  // When due_timer fires (wall clock, UTC).
  OneTimer due_timer;        // One timer to the next due time.
  OneTimer runtime_timer;    // max_runtime of the run in progress.

  bool run_active = false;  // A run has a process (or is stopping).
  std::chrono::system_clock::time_point run_started{};
  bool killed_by_max_runtime = false;
  bool replace_pending = false;  // concurrency replace: start once the old run has stopped.

  int64_t last_run_at = 0;  // Wall-clock seconds; 0 = no run finished yet.
  std::string last_run_result;
  int64_t last_run_duration_ms = -1;
  uint64_t runs = 0;          // Runs started.
  uint64_t skipped_runs = 0;  // Due runs that did not start.
  std::string last_skip;      // Why the last one was skipped.

  // concurrency allow: runs started while the service's own instance still
  // runs. They have no state machine: their output goes to the service's
  // sinks through their own line splitters, and their exit is a run result.
  struct BesideRun {
    BesideRun(boost::asio::io_context& io, uint64_t max_line)
        : timer(io), stdout_lines(max_line), stderr_lines(max_line) {}
    std::chrono::system_clock::time_point started = std::chrono::system_clock::now();
    OneTimer timer;  // max_runtime, then stop_timeout before SIGKILL.
    bool killed_by_max_runtime = false;
    bool stopped = false;  // Sent its stop signal (max_runtime, stop or shutdown).
    log::LineSplitter stdout_lines;
    log::LineSplitter stderr_lines;
  };
  std::map<runtime::InstanceId, std::unique_ptr<BesideRun>> beside;
};

}  // namespace drover::supervisor
