#pragma once

#include "base/result.h"
#include "core/commands.h"
#include "core/log_entry.h"
#include "core/model.h"
#include "core/service_view.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace drover::api {

// A live `drover logs -f`: lines keep arriving until this is destroyed.
class LogSubscription {
 public:
  virtual ~LogSubscription() = default;
};
using LogLineSink = std::function<void(const core::LogEntry& entry)>;

// A service as configured, for supervisord's getAllConfigInfo. `in_use` is
// false for one that a reread_config() found but that is not added yet.
struct ConfiguredService {
  core::ServiceSpec spec;
  bool in_use = true;
};

// What reread_config() found, by process group name (supervisord's reread).
struct ConfigChanges {
  std::vector<std::string> added;
  std::vector<std::string> changed;
  std::vector<std::string> removed;
};

// What the API needs from the supervisor: status views and a way to hand it
// commands. The supervisor implements it; api/ never sees runtimes or the
// state machine (requests flow socket -> router -> Command -> supervisor).
class Controller {
 public:
  virtual ~Controller() = default;

  // Every service, in declaration order.
  virtual std::vector<core::ServiceView> services() const = 0;

  // drover's start time and how long the event loop takes to run a posted
  // handler (measured from one call to the next, so an idle drover does
  // not wake up to measure it). Zeros where unknown.
  struct LoopStats {
    double start_time_seconds = 0;
    double event_loop_lag_seconds = 0;
  };
  virtual LoopStats loop_stats() { return {}; }

  // One service by name (XML-RPC polls look one up every 50 ms; the
  // supervisor answers without building every view).
  virtual std::optional<core::ServiceView> service(const std::string& name) const {
    for (core::ServiceView& view : services()) {
      if (view.name == name) {
        return std::move(view);
      }
    }
    return std::nullopt;
  }

  // Carries out `command`. Unknown service names fail the whole command with
  // Errc::NotFound and a message listing the known names; nothing is done.
  // Per-service results (e.g. "already running") come back as outcomes.
  // Reload returns Errc::InvalidConfig with the config errors when the new
  // file is invalid; the running services are untouched then.
  // Shutdown returns at once; the process exits after the stack is stopped.
  virtual Result<std::vector<core::CommandOutcome>> execute(const core::Command& command) = 0;

  // True once a shutdown has begun (XML-RPC then answers SHUTDOWN_STATE).
  virtual bool shutting_down() const { return false; }
  // supervisord's getIdentification: settings.daemon.identifier.
  virtual std::string identification() const { return "supervisor"; }
  // drover's own log file (settings.daemon.log_file); "" when there is none.
  virtual std::string main_log_file() const { return ""; }

  // supervisord's two-step reload (supervisorctl reread, then update/add/
  // remove): reread_config() loads the config and keeps it, changing
  // nothing (Errc::InvalidConfig when it is invalid); add_group() creates a
  // group's services from it (Errc::Conflict if the group exists, NotFound
  // if the kept config has no such group); remove_group() erases a group
  // whose processes are all at rest (Conflict while one runs, NotFound).
  virtual std::vector<ConfiguredService> configured_services() const { return {}; }
  virtual Result<ConfigChanges> reread_config() {
    return make_error(Errc::Unavailable, "rereading the config is not available");
  }
  virtual Result<void> add_group(const std::string& group) {
    (void)group;
    return make_error(Errc::Unavailable, "adding groups is not available");
  }
  virtual Result<void> remove_group(const std::string& group) {
    (void)group;
    return make_error(Errc::Unavailable, "removing groups is not available");
  }
  // supervisord's sendProcessStdin: queues `bytes` for the running process's
  // stdin pipe. NotFound when the service is unknown, Conflict when
  // it is not running, Unavailable when it has no stdin pipe (or it closed).
  virtual Result<void> send_stdin(const std::string& name, std::string bytes) {
    (void)name;
    (void)bytes;
    return make_error(Errc::Unavailable, "stdin is not available");
  }
  // supervisord's sendRemoteCommEvent: a REMOTE_COMMUNICATION event for the
  // event listeners that subscribe to it.
  virtual Result<void> send_remote_event(const std::string& type, const std::string& data) {
    (void)type;
    (void)data;
    return make_error(Errc::Unavailable, "events are not available");
  }

  // Lines from the services' in-memory rings matching `query`, oldest first
  // (by sequence). Unknown service names fail with Errc::NotFound listing the
  // known names.
  virtual Result<std::vector<core::LogEntry>> logs(const core::LogQuery& query) const {
    (void)query;
    return make_error(Errc::Unavailable, "logs are not available");
  }

  // Calls `sink` for every new line matching `query` (its last_lines and
  // since_ms are ignored: only lines after the call), on the event loop's
  // thread, until the returned subscription is destroyed. When drover shuts
  // down, `on_end` is called once and no line follows.
  virtual Result<std::unique_ptr<LogSubscription>> follow_logs(const core::LogQuery& query,
                                                               LogLineSink sink,
                                                               std::function<void()> on_end) {
    (void)query;
    (void)sink;
    (void)on_end;
    return make_error(Errc::Unavailable, "following logs is not available");
  }
};

}  // namespace drover::api
