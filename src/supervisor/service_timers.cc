#include "supervisor/service_timers.h"

namespace drover::supervisor {

ServiceTimers::ServiceTimers(boost::asio::io_context& io)
    : timers_{boost::asio::steady_timer(io), boost::asio::steady_timer(io),
              boost::asio::steady_timer(io)} {}

void ServiceTimers::arm(core::TimerKind kind, core::Duration after, std::function<void()> fire) {
  size_t index = static_cast<size_t>(kind);
  uint64_t generation = ++generations_[index];
  timers_[index].expires_after(after);
  timers_[index].async_wait(
      [this, index, generation, fire = std::move(fire)](boost::system::error_code ec) {
        // On destruction the wait completes with operation_aborted: return
        // before touching `this`.
        if (ec || generations_[index] != generation) {
          return;
        }
        fire();
      });
}

void ServiceTimers::cancel(core::TimerKind kind) {
  size_t index = static_cast<size_t>(kind);
  ++generations_[index];
  timers_[index].cancel();
}

void ServiceTimers::cancel_all() {
  for (size_t i = 0; i < kKinds; ++i) {
    cancel(static_cast<core::TimerKind>(i));
  }
}

}  // namespace drover::supervisor
