#pragma once

#include "api/controller.h"
#include "base/duration.h"
#include "core/graph.h"
#include "core/model.h"
#include "core/plan.h"
#include "core/service_events.h"
#include "log/console.h"
#include "log/line_block.h"
#include "runtime/container/container_runtime.h"
#include "runtime/process/process_runtime.h"
#include "runtime/remote/remote_runtime.h"
#include "runtime/runtime.h"
#include "supervisor/event_pools.h"
#include "supervisor/service_record.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace drover::supervisor {

// Re-reads the config for a reload. On failure the Error's message holds every
// config error, one per line.
using ConfigLoader = std::function<Result<core::Model>()>;

// The imperative shell: one event loop, one thread. It feeds events from
// runtimes, timers, signals and the API into core::step(), carries out the
// actions that come back, and applies the dependency plan when a service
// changes state. It owns the runtimes; the API server is wired in by main().
class Supervisor final : public runtime::Listener, public api::Controller {
 public:
  Supervisor(boost::asio::io_context& io, core::Model model, ConfigLoader loader,
             char* const* environment);
  ~Supervisor() override;

  // Installs signal handling, becomes subreaper, and starts every autostart
  // service in dependency order. Returns at once; the io_context runs it.
  void start();

  // Called when the stack has stopped after a shutdown; main() then closes
  // the API server and exits with exit_code().
  void on_finished(std::function<void()> callback) { finished_ = std::move(callback); }
  int exit_code() const { return exit_code_; }

  // runtime::Listener
  void on_spawned(runtime::InstanceId id, int pid) override;
  void on_spawn_failed(runtime::InstanceId id, Error error) override;
  void on_output(runtime::InstanceId id, runtime::Stream stream, std::string_view bytes) override;
  void on_exited(runtime::InstanceId id, core::ExitStatus status) override;
  void on_ready(runtime::InstanceId id) override;  // readiness.cc
  void on_lost(runtime::InstanceId id, std::string reason) override;
  void on_regained(runtime::InstanceId id) override;

  // api::Controller
  std::vector<core::ServiceView> services() const override;
  LoopStats loop_stats() override;
  std::optional<core::ServiceView> service(const std::string& name) const override;
  Result<std::vector<core::CommandOutcome>> execute(const core::Command& command) override;
  Result<std::vector<core::LogEntry>> logs(const core::LogQuery& query) const override;
  Result<std::unique_ptr<api::LogSubscription>> follow_logs(const core::LogQuery& query,
                                                            api::LogLineSink sink,
                                                            std::function<void()> on_end) override;
  bool shutting_down() const override { return shutting_down_; }
  std::string identification() const override { return settings_.daemon.identifier; }
  std::string main_log_file() const override { return settings_.daemon.log_file; }
  // rpc_groups.cc: supervisord's reread / add / remove (XML-RPC).
  std::vector<api::ConfiguredService> configured_services() const override;
  Result<api::ConfigChanges> reread_config() override;
  Result<void> add_group(const std::string& group) override;
  Result<void> remove_group(const std::string& group) override;
  // events.cc: supervisord's sendProcessStdin and sendRemoteCommEvent.
  Result<void> send_stdin(const std::string& name, std::string bytes) override;
  Result<void> send_remote_event(const std::string& type, const std::string& data) override;

 private:
  // supervisor.cc: events in, actions out.
  void dispatch(ServiceRecord& service, core::EventBody body);
  void perform(ServiceRecord& service, const core::Action& action);
  void fire_timer(const std::string& name, core::TimerKind kind);
  ServiceRecord* find(const std::string& name) const;
  ServiceRecord* find_instance(runtime::InstanceId id) const;
  runtime::Runtime& runtime_for(const core::ServiceSpec& spec);
  // SIGKILL to everything every runtime started (the end of shutdown).
  void kill_everything();
  void watch_signals();
  void warn_unenforced_resources();
  void on_signal(int signo);
  void add_service(core::ServiceSpec spec);
  void rebuild_graph();

  // orchestration.cc: the dependency plan, fail-fast and ordered shutdown.
  void request_start(ServiceRecord& service);
  void try_start(ServiceRecord& service);
  void request_stop(ServiceRecord& service);
  void state_changed(ServiceRecord& service, core::State before);
  bool has_pending_dependants(const ServiceRecord& service) const;
  void fail(ServiceRecord& service);
  void begin_shutdown();
  void continue_shutdown();
  bool dependants_at_rest(const ServiceRecord& service) const;
  bool higher_priorities_at_rest(const ServiceRecord& service) const;
  void finish();
  bool role_ended(ServiceRecord& service);

  // reload.cc
  struct ReloadChanges {
    std::vector<core::CommandOutcome> outcomes;
    std::vector<ServiceRecord*> to_settle;  // Removed or changed: stop, then settle.
    std::vector<ServiceRecord*> added;
  };
  Result<std::vector<core::CommandOutcome>> reload();
  ReloadChanges merge_services(const std::vector<core::ServiceSpec>& specs);
  void settle_reload(ServiceRecord& service);
  void erase_service(const std::string& name);

  // output.cc: a service's lines to its files, ring, the console and followers.
  struct Follower;
  class FollowerHandle;
  void take_lines(ServiceRecord& service, runtime::Stream stream, std::string_view bytes,
                  bool flush_partial);
  // The same through `lines`: runs beside the service's own keep their own
  // partial lines, so two runs never join halves of their lines.
  void take_lines_with(ServiceRecord& service, log::LineSplitter& lines, runtime::Stream stream,
                       std::string_view bytes, bool flush_partial);
  // Hands a block of lines to every sink: files and ring, the unified
  // stream, followers. Per-line work only for the stream and followers.
  void publish(ServiceRecord& service, const log::LineBlock& block, bool to_files = true);
  void follow_files(ServiceRecord& service);
  void end_followers();

  // health_checks.cc: probes of the current process, liveness restarts.
  void health_after_step(ServiceRecord& service);
  void schedule_probe(ServiceRecord& service);
  void run_probe(const std::string& name, runtime::InstanceId instance);
  void run_exec_probe(ServiceRecord& service, std::vector<std::string> argv);
  void on_probe_result(const std::string& name, runtime::InstanceId instance, bool passed,
                       std::string output, core::Duration elapsed);
  void health_changed(ServiceRecord& service, const core::HealthVerdict& verdict);
  core::DependencyHealth dependency_health(const std::string& name) const;
  void fill_health_view(const ServiceRecord& service, core::ServiceView& view) const;

  // readiness.cc: ready: notify (NOTIFY_SOCKET) and the watchdog.
  void mark_ready(ServiceRecord& service, const std::string& how);
  core::ServiceSpec with_notify_socket(ServiceRecord& service);
  void adopt_main_pid(ServiceRecord& service, std::string_view value);
  void on_notify(const std::string& name, runtime::InstanceId instance, std::string_view key,
                 std::string_view value);
  void arm_watchdog(ServiceRecord& service);

  // schedules.cc: scheduled services (issue #9), one timer to the next due time.
  void arm_schedule(ServiceRecord& service);
  void arm_next_run(ServiceRecord& service, core::Instant after);
  void schedule_due(const std::string& name);
  core::CommandOutcome start_scheduled_run(ServiceRecord& service, Duration late);
  core::CommandOutcome trigger_one(ServiceRecord& service);
  void track_run(ServiceRecord& service);
  void max_runtime_exceeded(const std::string& name);
  void fill_schedule_view(const ServiceRecord& service, core::ServiceView& view) const;
  // schedule_beside.cc: concurrency allow, runs beside the service's own.
  core::CommandOutcome start_beside_run(ServiceRecord& service);
  ScheduleState::BesideRun* beside_run(ServiceRecord& service, runtime::InstanceId id);
  void beside_output(ServiceRecord& service, runtime::InstanceId id, runtime::Stream stream,
                     std::string_view bytes);
  void finish_beside_run(ServiceRecord& service, runtime::InstanceId id,
                         std::optional<core::ExitStatus> exit, const std::string& spawn_error);
  void beside_runtime_exceeded(const std::string& name, runtime::InstanceId id);
  size_t stop_beside_runs(ServiceRecord& service);
  // events.cc: supervisord's events for [eventlistener:x] (issue #6, 2c).
  void start_events();
  void emit_event(const std::string& name, const std::string& payload);
  void update_listener_pool(const ServiceRecord& service, bool present);
  void emit_state_event(ServiceRecord& service, core::State before);
  std::string state_event_payload(const ServiceRecord& service, core::State state,
                                  core::State before);
  // true when the bytes were the listener protocol, not output to log.
  bool listener_output(ServiceRecord& service, runtime::InstanceId id, runtime::Stream stream,
                       std::string_view bytes);
  // Output to log: a PROCESS_LOG_* event when enabled, then lines.
  void log_output(ServiceRecord& service, runtime::Stream stream, std::string_view bytes);
  // Capture mode (log.*_capture): messages become PROCESS_COMMUNICATION_* events.
  void capture_output(ServiceRecord& service, runtime::Stream stream, std::string_view bytes);
  void finish_capture(ServiceRecord& service);
  void arm_ticks();

  // control.cc
  core::ServiceView view(const ServiceRecord& service) const;
  void fill_usage_view(const ServiceRecord& service, core::ServiceView& view) const;
  Result<std::vector<ServiceRecord*>> resolve(const std::vector<std::string>& names) const;
  core::CommandOutcome start_one(ServiceRecord& service);
  core::CommandOutcome stop_one(ServiceRecord& service);
  core::CommandOutcome restart_one(ServiceRecord& service);
  core::CommandOutcome signal_one(ServiceRecord& service, int signo);

  boost::asio::io_context& io_;
  core::Settings settings_;
  ConfigLoader loader_;
  std::unique_ptr<runtime::ProcessRuntime> process_runtime_;
  std::unique_ptr<runtime::ContainerRuntime> container_runtime_;
  std::unique_ptr<runtime::RemoteRuntime> remote_runtime_;
  std::vector<std::unique_ptr<ServiceRecord>> services_;  // Declaration order.
  std::unordered_map<std::string, ServiceRecord*> by_name_;
  std::unordered_map<runtime::InstanceId, std::string> instance_owner_;
  core::Dependants dependants_;
  runtime::InstanceId next_instance_ = 0;
  size_t next_color_ = 0;
  log::Console console_;
  boost::asio::signal_set signals_;
  boost::asio::steady_timer shutdown_timer_;
  bool shutting_down_ = false;
  bool shutdown_pass_running_ = false;
  bool shutdown_pass_dirty_ = false;
  bool finished_called_ = false;
  int exit_code_ = 0;
  std::function<void()> finished_;
  uint64_t log_sequence_ = 0;
  std::list<std::shared_ptr<Follower>> followers_;
  // loop_stats(): when drover started, and the last measured posting delay.
  std::chrono::system_clock::time_point started_at_ = std::chrono::system_clock::now();
  std::shared_ptr<double> loop_lag_seconds_ = std::make_shared<double>(0);
  // The config a reread_config() loaded; add_group() creates services from it.
  std::optional<core::Model> reread_model_;
  // The services of the config loaded at start or by the last reload, for
  // addProcessGroup of a group removed since (supervisorctl remove; add).
  std::vector<core::ServiceSpec> configured_;
  // events.cc
  std::optional<EventPools> events_;
  std::unordered_map<std::string, int> last_pid_;  // For STOPPED/EXITED payloads.
  boost::asio::steady_timer tick_timer_{io_};
  std::map<int, long> last_tick_;  // Period -> start of its current slice.
};

}  // namespace drover::supervisor
