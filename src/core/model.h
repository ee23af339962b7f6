#pragma once

#include "core/cron_expression.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drover::core {

using Duration = std::chrono::milliseconds;

enum class ServiceType { Longrun, Oneshot };
enum class RestartPolicy { Always, OnFailure, Never };
enum class RuntimeKind { Process, Container, Remote };

// What a dependant waits for. For a oneshot dependency every condition means
// "completed successfully": a oneshot is "up" only once it has finished (s6).
enum class DependencyCondition { Started, Healthy, CompletedSuccessfully };

struct Dependency {
  std::string name;
  DependencyCondition condition = DependencyCondition::Started;

  bool operator==(const Dependency&) const = default;
};

// Whether a signal goes to the main process only or to its process group.
enum class SignalTarget { Process, Group };

// Where one service's output goes (issue #4). Files are written only when a
// directory is known: `dir`, else settings.log_dir; with neither, or with
// `file: none`, the service has no log files.
struct LogSpec {
  std::string dir;                       // Empty: settings.log_dir.
  std::string stdout_file;               // Empty: "<name>.out.log". Relative to dir.
  std::string stderr_file;               // Empty: "<name>.err.log". Relative to dir.
  bool merge_stderr = false;             // stderr lines go to the stdout file.
  bool files = true;                     // false for `file: none`.
  uint64_t max_size = 10 * 1024 * 1024;  // Rotate when a file would exceed this; 0 = never.
  int backups = 5;                       // <file>.1 ... <file>.N kept after rotation.
  bool console = true;                   // Lines go to drover's unified stdout stream.
  uint64_t ring = 1024 * 1024;           // Bytes of recent lines kept in memory for `drover logs`.
  uint64_t max_line = 64 * 1024;         // Longer lines are split and marked as continued.
  // Files the service writes itself, tailed like `tail -F` into the same
  // sinks. Absolute after loading (config/service_log.cc resolves them).
  std::vector<std::string> follow;
  // supervisord's stdout_events_enabled / stderr_events_enabled: every chunk
  // of output also becomes a PROCESS_LOG_STDOUT / _STDERR event.
  bool stdout_events = false;
  bool stderr_events = false;
  // supervisord's *_capture_maxbytes: > 0 turns on capture mode, in which
  // output between <!--XSUPERVISOR:BEGIN--> and <!--XSUPERVISOR:END--> becomes
  // a PROCESS_COMMUNICATION event of at most this many bytes instead of log lines.
  uint64_t stdout_capture = 0;
  uint64_t stderr_capture = 0;

  bool operator==(const LogSpec&) const = default;
};

// How drover checks that a service works (issue #5). With kind None the
// service has no probe and is healthy as soon as it is ready.
enum class ProbeKind { None, Exec, Http, Tcp };
enum class HealthFailureAction { Restart, None };

struct HealthSpec {
  ProbeKind kind = ProbeKind::None;
  std::vector<std::string> exec;  // argv for kind Exec.
  std::string http_url;           // For kind Http.
  std::vector<int> http_status;   // Passing statuses; empty: 200-399.
  std::string tcp_address;        // "host:port" for kind Tcp.
  Duration interval = std::chrono::seconds(10);
  Duration timeout = std::chrono::seconds(5);
  Duration start_period{0};  // Failures during this time do not count.
  int retries = 3;           // Consecutive failures that make it unhealthy.
  int success_threshold = 1;
  HealthFailureAction on_failure = HealthFailureAction::Restart;
  // `from: remote`: an http/tcp probe of a remote service runs on its host
  // (curl or wget, nc or bash there), not from drover's side.
  bool from_remote = false;

  bool operator==(const HealthSpec&) const = default;
};

// How a service says it is ready: at once when started (None), systemd's
// NOTIFY_SOCKET protocol, or s6's newline on a file descriptor.
enum class ReadinessKind { None, Notify, Fd };

struct ReadySpec {
  ReadinessKind kind = ReadinessKind::None;
  int fd = 3;            // For kind Fd.
  Duration watchdog{0};  // For kind Notify: restart when WATCHDOG=1 is this late; 0 = off.

  bool operator==(const ReadySpec&) const = default;
};

// A service that runs on a timetable (issue #9). Each run is a oneshot
// instance; `cron` empty means the service is not scheduled. The next due
// time is core::next_run(expression, after, zone rules) (cron_schedule.h);
// the zone's rules come from tz::TzDatabase::load(timezone).
enum class ConcurrencyPolicy { Forbid, Allow, Replace };

struct ScheduleSpec {
  std::string cron;      // As written: "*/5 * * * *", "@hourly", "@every 90s".
  std::string timezone;  // IANA name; empty: UTC.
  ConcurrencyPolicy concurrency = ConcurrencyPolicy::Forbid;
  Duration starting_deadline{0};  // A run later than this after its due time is skipped; 0 = none.
  Duration max_runtime{0};        // Kill a run that takes longer; 0 = no limit.
  CronExpression expression;      // `cron` parsed by the config reader.

  bool scheduled() const { return !cron.empty(); }

  bool operator==(const ScheduleSpec&) const = default;
};

// Per-service resource limits (issue #9), all optional. Without cgroup v2
// drover enforces what rlimits can express (decision 0012).
struct ResourceSpec {
  std::optional<uint64_t> memory;       // Bytes.
  std::optional<uint64_t> memory_swap;  // Bytes of memory + swap.
  std::optional<double> cpus;           // CPU time as a number of CPUs (0.5 = half of one).
  std::optional<uint64_t> pids;         // Processes and threads.
  std::optional<uint64_t> nofile;       // Open files.

  bool any() const { return memory || memory_swap || cpus || pids || nofile; }
  bool operator==(const ResourceSpec&) const = default;
};

// `runtime: container` (issue #7): what Docker needs beyond ServiceSpec's
// shared fields. For a container, ServiceSpec::argv is the CMD override
// (empty: the image's CMD), env/user/working_dir apply inside it.
enum class PullPolicy { Missing, Never, Always };

// `volumes`: a bind mount (absolute host path) or a named volume.
struct VolumeMount {
  std::string source;  // Absolute host path, or a volume name.
  std::string target;  // Absolute path in the container.
  bool read_only = false;
  bool named = false;  // source is a volume name, not a host path.

  bool operator==(const VolumeMount&) const = default;
};

// `ports`: "[ip:]host:container[/proto]".
struct PortMapping {
  std::string host_ip;  // Empty: every address.
  int host_port = 0;
  int container_port = 0;
  std::string protocol = "tcp";

  bool operator==(const PortMapping&) const = default;
};

struct ContainerSpec {
  std::string image;
  std::optional<std::vector<std::string>> entrypoint;  // nullopt: the image's.
  std::vector<VolumeMount> volumes;
  std::vector<PortMapping> ports;
  std::string network;   // Empty: Docker's default bridge; "host" shares drover's.
  std::string hostname;  // Empty: Docker's default.
  std::vector<std::pair<std::string, std::string>> labels;
  PullPolicy pull = PullPolicy::Missing;
  uint64_t memory_bytes = 0;  // 0: no limit.
  int64_t nano_cpus = 0;      // 0: no limit; 1e9 is one CPU.

  bool operator==(const ContainerSpec&) const = default;
};

// How drover reaches a remote host (`settings.ssh`, a `hosts:` entry, a
// service's `ssh:`); what one leaves unset comes from the next, then ssh's
// own defaults and ~/.ssh/config.
struct SshOptions {
  std::string identity_file;                     // Empty: ssh's default keys.
  std::string known_hosts;                       // Empty: ~/.ssh/known_hosts.
  std::optional<bool> strict_host_key_checking;  // Unset: yes.
  std::optional<Duration> connect_timeout;       // Unset: 10 s.

  // Fills what this leaves unset from `base`.
  void inherit(const SshOptions& base);

  bool operator==(const SshOptions&) const = default;
};

// `on_disconnect`: what a lost connection does to a remote service once the
// host is reachable again.
enum class OnDisconnect { Adopt, Restart };

// `runtime: remote` (issue #8): the destination as ssh takes it, resolved
// from a `hosts:` name or "[user@]host[:port]" (or an ~/.ssh/config name).
struct RemoteSpec {
  std::string host_name;  // The `hosts:` entry, or the address as written.
  std::string address;    // Host name, IP address or ssh_config alias.
  std::string user;       // Empty: ssh's default.
  int port = 0;           // 0: ssh's default.
  SshOptions ssh;
  OnDisconnect on_disconnect = OnDisconnect::Adopt;

  bool operator==(const RemoteSpec&) const = default;
};

// supervisord's [eventlistener:x] (issue #6, 2c): the service is an event
// listener when `events` is not empty. Its stdin receives events and its
// stdout speaks the protocol (core/event_protocol.h); the pool is the
// program name, shared by its numprocs processes.
struct EventListenerSpec {
  std::vector<std::string> events;  // Types and supertypes, as in `events=`.
  int buffer_size = 10;             // Events queued per pool; the oldest is dropped beyond.
  std::string pool;                 // [eventlistener:POOL].

  bool listener() const { return !events.empty(); }

  bool operator==(const EventListenerSpec&) const = default;
};

// Everything drover needs to know to run one service. Both config readers
// (YAML and supervisord INI) produce this; nothing here refers to a file.
struct ServiceSpec {
  std::string name;
  RuntimeKind runtime = RuntimeKind::Process;

  // The program and its arguments, already split. With `shell`, argv is
  // {"/bin/sh", "-c", command}.
  std::vector<std::string> argv;
  std::vector<std::pair<std::string, std::string>> env;  // In declaration order; env_file first.
  // `env_file` as resolved, and the names in `env` whose value came from it
  // (not overridden by `env:`), so `drover export` can reference the file as
  // a Secret instead of copying its values into a manifest.
  std::string env_file;
  std::vector<std::string> env_file_names;
  std::string working_dir;  // Empty: drover's own.
  std::string user;         // Empty: drover's own.
  std::string group;        // Empty: the user's primary group.
  std::optional<unsigned> umask;

  ServiceType type = ServiceType::Longrun;
  RestartPolicy restart = RestartPolicy::Always;
  std::vector<int> success_exit_codes = {0};
  Duration start_period = std::chrono::seconds(1);
  int start_retries = 3;
  int stop_signal = 15;  // SIGTERM; core does not include <csignal>.
  SignalTarget stop_target = SignalTarget::Group;
  Duration stop_timeout = std::chrono::seconds(10);
  std::vector<Dependency> depends_on;
  bool required = false;
  bool autostart = true;
  // `replicas` (alias `scale`): how many copies `drover export` asks the
  // orchestrator for. drover itself always runs one.
  int replicas = 1;
  LogSpec log;
  HealthSpec health;
  ReadySpec ready;
  ScheduleSpec schedule;
  ResourceSpec resources;
  ContainerSpec container;  // Only for runtime == RuntimeKind::Container.
  RemoteSpec remote;        // Only for runtime == RuntimeKind::Remote.

  // supervisord compatibility (issue #6). Lower priorities start first and
  // stop last; ties keep declaration order. `program_group` is the supervisord
  // process group ([group:x]); empty means a group of its own named like
  // the service.
  int priority = 999;
  std::string program_group;
  EventListenerSpec event_listener;
  // supervisord gives every program a stdin pipe (supervisor.sendProcessStdin
  // writes to it); drover.yaml services read /dev/null. Listeners always
  // have one.
  bool stdin_pipe = false;

  // Set by `drover run` (issue #9) when it has a terminal: the service gets
  // drover's stdin/stdout/stderr and the terminal's foreground, no pipes.
  bool interactive = false;

  bool operator==(const ServiceSpec&) const = default;
};

enum class LogFormat { Text, Json };

// Credentials a listener demands. All empty: no authentication.
struct HttpAuth {
  std::string user;
  std::string password;       // Inline (supervisord's `password=`, may be "{SHA}hex").
  std::string password_file;  // Read at start; trailing newline ignored.
  std::string token_file;     // Bearer token instead of user/password.

  bool operator==(const HttpAuth&) const = default;
};

// The control API over TCP (`settings.http`, supervisord's [inet_http_server]).
struct HttpListenerSpec {
  std::string listen;  // "host:port"; empty: no TCP listener.
  HttpAuth auth;
  std::vector<std::string> public_paths = {"/health", "/metrics"};  // Served without auth.
  bool insecure = false;  // Allow a non-loopback address without auth.

  bool operator==(const HttpListenerSpec&) const = default;
};

// Who may use the control socket (supervisord's [unix_http_server]).
struct ControlAccess {
  std::optional<unsigned> mode;  // chmod of the socket file.
  std::string owner;             // "user" or "user:group".
  HttpAuth auth;

  bool operator==(const ControlAccess&) const = default;
};

// supervisord's [supervisord] section, for the `supervisord` alias.
struct DaemonSettings {
  std::string log_file;  // drover's own log (supervisorctl maintail); empty: none.
  uint64_t log_max_size = 50 * 1024 * 1024;
  int log_backups = 10;
  std::string log_level = "info";
  std::string pidfile;
  std::string identifier = "supervisor";
  bool foreground = true;  // false: daemonize like supervisord without -n.
  std::optional<unsigned> umask;
  std::string directory;  // chdir after daemonizing.
  std::string user;       // Switch to this user at start.
  uint64_t minfds = 1024;
  uint64_t minprocs = 200;

  bool operator==(const DaemonSettings&) const = default;
};

struct Settings {
  std::string control;  // Unix socket path of the control API.
  Duration shutdown_timeout = std::chrono::seconds(30);
  std::string log_dir;  // Default directory of per-service log files; empty: none.
  LogFormat log_format = LogFormat::Text;  // Of the unified stream on drover's stdout.
  bool log_timestamps = false;             // Prefix unified-stream lines with a timestamp.
  // `drover run NAME` (issue #9): when this service has ended, drover stops
  // and exits with its exit code (128+signal when killed). Empty: `drover up`.
  std::string role;
  ControlAccess control_access;
  HttpListenerSpec http;
  DaemonSettings daemon;
  SshOptions ssh;  // `settings.ssh`: defaults for every remote host.

  bool operator==(const Settings&) const = default;
};

// A whole configuration. Services keep the order in which they were declared;
// that order breaks ties wherever the dependency graph leaves a choice.
struct Model {
  std::string source_file;
  Settings settings;
  std::vector<ServiceSpec> services;

  const ServiceSpec* find(const std::string& name) const;
};

}  // namespace drover::core
