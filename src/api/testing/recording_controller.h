#pragma once

#include "api/controller.h"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

namespace drover::api::testing {

// A Controller for tests: serves a fixed list of views, records every
// command it is given, and answers with `next_result` (by default one "ok"
// outcome per named service). It is our own interface, not a real peer, so
// a stand-in is the honest way to test the API without a supervisor.
class RecordingController : public Controller {
 public:
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

 private:
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

}  // namespace drover::api::testing
