#pragma once

#include "api/controller.h"
#include "base/result.h"
#include "core/log_entry.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace drover::api {

// One `GET .../logs?follow=1` between the controller and a connection,
// without sockets: it subscribes, reads the history, and queues NDJSON text
// (one object per line, "\n"-terminated) for the connection to write.
//
// No gap, no duplicate: start() subscribes first (live lines are queued),
// then reads the history and drops queued lines whose sequence the history
// already has.
//
// Backpressure: live text waiting to be taken is bounded by `limit` bytes.
// When a new line does not fit, the oldest queued lines are dropped and the
// next take() begins with {"dropped":N} in their place, so a slow client
// costs bounded memory and sees where it lost lines. The history is not
// bounded by `limit` (the rings bound it).
class LogFollow {
 public:
  static constexpr size_t kDefaultLimit = 4 << 20;

  // `wake` is called (on the controller's thread) whenever take() or ended()
  // may have something new. Fails with the controller's error (NotFound for
  // an unknown service, Unavailable when it cannot follow).
  static Result<std::unique_ptr<LogFollow>> start(Controller& controller,
                                                  const core::LogQuery& query,
                                                  std::function<void()> wake,
                                                  size_t limit = kDefaultLimit);
  ~LogFollow();  // Unsubscribes: the sink is never called after this.
  LogFollow(const LogFollow&) = delete;
  LogFollow& operator=(const LogFollow&) = delete;

  // Everything queued since the last call (the history on the first call),
  // or "" when nothing is.
  std::string take();
  // True once the controller ended the stream (drover is shutting down) or
  // end() was called; nothing is queued after that.
  bool ended() const { return ended_; }
  // Ends the stream from the server's side (HttpServer::close()); unsubscribes.
  void end();

 private:
  LogFollow(std::function<void()> wake, size_t limit) : wake_(std::move(wake)), limit_(limit) {}
  void push(const core::LogEntry& entry);
  void on_end();

  std::function<void()> wake_;
  size_t limit_;
  std::unique_ptr<LogSubscription> subscription_;
  std::string history_;
  std::deque<std::pair<uint64_t, std::string>> queue_;  // (sequence, NDJSON line).
  size_t queued_bytes_ = 0;
  uint64_t dropped_ = 0;
  uint64_t last_history_sequence_ = 0;
  bool ended_ = false;
};

}  // namespace drover::api
