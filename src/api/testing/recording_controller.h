#pragma once

#include "api/controller.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace drover::api::testing {

// A live follow_logs() subscription as the test sees it: the test drives it
// through RecordingController::emit() and end_follows().
struct FakeFollower {
  core::LogQuery query;
  LogLineSink sink;
  std::function<void()> on_end;
  bool alive = true;  // False once the API destroyed the subscription.
};

// Whether `entry` is one `query` asks for (names, stream, time, sequence;
// last_lines is applied by the caller).
inline bool log_query_matches(const core::LogQuery& query, const core::LogEntry& entry) {
  const std::vector<std::string>& names = query.services;
  return (names.empty() || std::find(names.begin(), names.end(), entry.service) != names.end()) &&
         (!query.stderr_only || entry.stream == core::LogStream::Stderr) &&
         entry.time_ms >= query.since_ms && entry.sequence > query.after_sequence;
}

// A Controller for tests: serves a fixed list of views, records every
// command it is given, and answers with `next_result` (by default one "ok"
// outcome per named service). It is our own interface, not a real peer, so
// a stand-in is the honest way to test the API without a supervisor.
// For logs it holds one fake ring (`ring`, in sequence order) and lets the
// test add lines and end follow streams.
class RecordingController : public Controller {
 public:
  std::vector<core::LogEntry> ring;
  mutable std::vector<core::LogQuery> log_queries;
  std::vector<std::shared_ptr<FakeFollower>> followers;
  std::function<void()> on_follow;  // Runs after a subscription is made.

  std::vector<core::ServiceView> views;
  std::vector<core::Command> commands;
  std::optional<Result<std::vector<core::CommandOutcome>>> next_result;
  bool throw_on_execute = false;
  std::function<void(const core::Command&)> on_execute;  // Runs before answering.

  std::vector<core::ServiceView> services() const override { return views; }

  Result<std::vector<core::CommandOutcome>> execute(const core::Command& command) override {
    commands.push_back(command);
    if (on_execute) {
      on_execute(command);
    }
    if (throw_on_execute) {
      throw std::runtime_error("controller exploded");
    }
    if (next_result) {
      return *next_result;
    }
    return default_outcomes(command);
  }

  Result<std::vector<core::LogEntry>> logs(const core::LogQuery& query) const override {
    log_queries.push_back(query);
    std::vector<core::LogEntry> lines;
    for (const core::LogEntry& entry : ring) {
      if (log_query_matches(query, entry)) {
        lines.push_back(entry);
      }
    }
    if (query.last_lines > 0 && lines.size() > query.last_lines) {
      lines.erase(lines.begin(), lines.end() - static_cast<std::ptrdiff_t>(query.last_lines));
    }
    return lines;
  }

  Result<std::unique_ptr<LogSubscription>> follow_logs(const core::LogQuery& query,
                                                       LogLineSink sink,
                                                       std::function<void()> on_end) override {
    auto follower = std::make_shared<FakeFollower>();
    follower->query = query;
    follower->sink = std::move(sink);
    follower->on_end = std::move(on_end);
    followers.push_back(follower);
    if (on_follow) {
      on_follow();
    }
    return std::unique_ptr<LogSubscription>(new Subscription(follower));
  }

  // Appends `entry` to the ring and hands it to every live matching follower.
  void emit(const core::LogEntry& entry) {
    ring.push_back(entry);
    for (const std::shared_ptr<FakeFollower>& follower : followers) {
      if (follower->alive && log_query_matches(follower->query, entry)) {
        follower->sink(entry);
      }
    }
  }

  // As drover's shutdown does: on_end for every live follower.
  void end_follows() {
    for (const std::shared_ptr<FakeFollower>& follower : followers) {
      if (follower->alive) {
        follower->on_end();
      }
    }
  }

  int live_followers() const {
    return static_cast<int>(std::count_if(followers.begin(), followers.end(),
                                          [](const auto& follower) { return follower->alive; }));
  }

 private:
  class Subscription : public LogSubscription {
   public:
    explicit Subscription(std::shared_ptr<FakeFollower> follower)
        : follower_(std::move(follower)) {}
    ~Subscription() override { follower_->alive = false; }

   private:
    std::shared_ptr<FakeFollower> follower_;
  };

  static Result<std::vector<core::CommandOutcome>> default_outcomes(const core::Command& command) {
    std::vector<core::CommandOutcome> outcomes;
    auto add = [&](const std::vector<std::string>& names, const std::string& message) {
      for (const std::string& name : names) {
        outcomes.push_back({name, true, message});
      }
    };
    if (auto* start = std::get_if<core::StartCommand>(&command)) {
      add(start->names, "started");
    } else if (auto* stop = std::get_if<core::StopCommand>(&command)) {
      add(stop->names, "stopped");
    } else if (auto* restart = std::get_if<core::RestartCommand>(&command)) {
      add(restart->names, "restarted");
    } else if (auto* signal = std::get_if<core::SignalCommand>(&command)) {
      add(signal->names, "signalled");
    }
    return outcomes;
  }
};

// Two services in different states, for rendering and lookups.
inline std::vector<core::ServiceView> sample_views() {
  core::ServiceView web;
  web.name = "web";
  web.type = "longrun";
  web.state = core::State::Running;
  web.want = "up";
  web.pid = 4242;
  web.started_at = 1700000000;
  web.uptime_seconds = 3723;
  web.restarts = 2;
  web.last_exit = core::ExitStatus{0, 9};
  web.description = "pid 4242, uptime 1:02:03";
  core::ServiceView db;
  db.name = "database";
  db.type = "oneshot";
  db.state = core::State::Exited;
  db.want = "down";
  db.started_at = 1700000000;
  db.stopped_at = 1700000005;
  db.last_exit = core::ExitStatus{1, 0};
  db.description = "exit status 1";
  return {web, db};
}

// Field-by-field equality (core::LogQuery has no operator==).
inline bool same_query(const core::LogQuery& a, const core::LogQuery& b) {
  return a.services == b.services && a.last_lines == b.last_lines && a.since_ms == b.since_ms &&
         a.stderr_only == b.stderr_only && a.after_sequence == b.after_sequence;
}

// A ring line: sequence `seq`, time 1700000000000 + seq seconds.
inline core::LogEntry log_line(uint64_t seq, std::string service, std::string text,
                               core::LogStream stream = core::LogStream::Stdout) {
  core::LogEntry entry;
  entry.sequence = seq;
  entry.time_ms = 1700000000000 + static_cast<int64_t>(seq) * 1000;
  entry.service = std::move(service);
  entry.stream = stream;
  entry.text = std::move(text);
  return entry;
}

}  // namespace drover::api::testing
