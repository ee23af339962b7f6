#pragma once

#include "core/service_actions.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <cstdint>
#include <functional>

namespace drover::supervisor {

// The timers one service may have armed, at most one per kind. A generation
// number per kind makes cancel() reliable even when the timer has already
// expired and its handler is queued (Asio then reports success, not
// operation_aborted).
class ServiceTimers {
 public:
  explicit ServiceTimers(boost::asio::io_context& io);

  // Calls `fire` after `after`, unless cancelled or re-armed first.
  void arm(core::TimerKind kind, core::Duration after, std::function<void()> fire);
  void cancel(core::TimerKind kind);
  void cancel_all();

 private:
  static constexpr size_t kKinds = static_cast<size_t>(core::TimerKind::kCount);
  std::array<boost::asio::steady_timer, kKinds> timers_;
  std::array<uint64_t, kKinds> generations_{};
};

}  // namespace drover::supervisor
