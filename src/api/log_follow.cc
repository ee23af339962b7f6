// The follow stream's queue: subscribe-then-read for a seamless start, and a
// byte bound that drops the oldest lines (with a marker) for slow clients.
#include "api/log_follow.h"

#include "api/json_codec.h"

namespace drover::api {

Result<std::unique_ptr<LogFollow>> LogFollow::start(Controller& controller,
                                                    const core::LogQuery& query,
                                                    std::function<void()> wake, size_t limit) {
  std::unique_ptr<LogFollow> follow(new LogFollow(std::move(wake), limit));
  LogFollow* self = follow.get();
  core::LogQuery live = query;
  live.last_lines = 0;
  live.since_ms = 0;
  Result<std::unique_ptr<LogSubscription>> subscription = controller.follow_logs(
      live, [self](const core::LogEntry& entry) { self->push(entry); }, [self] { self->on_end(); });
  if (!subscription) {
    return subscription.error();
  }
  follow->subscription_ = std::move(*subscription);
  Result<std::vector<core::LogEntry>> history = controller.logs(query);
  if (!history) {
    return history.error();
  }
  for (const core::LogEntry& entry : *history) {
    follow->history_ += render_log_entry(entry) + "\n";
  }
  if (!history->empty()) {
    follow->last_history_sequence_ = history->back().sequence;
  }
  while (!follow->queue_.empty() &&
         follow->queue_.front().first <= follow->last_history_sequence_) {
    follow->queued_bytes_ -= follow->queue_.front().second.size();
    follow->queue_.pop_front();
  }
  return follow;
}

LogFollow::~LogFollow() { subscription_.reset(); }

void LogFollow::push(const core::LogEntry& entry) {
  if (ended_ || entry.sequence <= last_history_sequence_) {
    return;
  }
  std::string line = render_log_entry(entry) + "\n";
  while (!queue_.empty() && queued_bytes_ + line.size() > limit_) {
    queued_bytes_ -= queue_.front().second.size();
    queue_.pop_front();
    ++dropped_;
  }
  queued_bytes_ += line.size();
  queue_.emplace_back(entry.sequence, std::move(line));
  if (wake_) {
    wake_();
  }
}

void LogFollow::on_end() {
  ended_ = true;
  if (wake_) {
    wake_();
  }
}

void LogFollow::end() {
  ended_ = true;
  subscription_.reset();
}

std::string LogFollow::take() {
  std::string text = std::move(history_);
  history_.clear();
  if (dropped_ > 0) {
    text += render_dropped(dropped_) + "\n";
    dropped_ = 0;
  }
  for (auto& [sequence, line] : queue_) {
    text += line;
  }
  queue_.clear();
  queued_bytes_ = 0;
  return text;
}

}  // namespace drover::api
