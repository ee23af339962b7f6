#pragma once

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

  bool operator==(const LogSpec&) const = default;
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
  std::string working_dir;                               // Empty: drover's own.
  std::string user;                                      // Empty: drover's own.
  std::string group;                                     // Empty: the user's primary group.
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
  LogSpec log;

  bool operator==(const ServiceSpec&) const = default;
};

enum class LogFormat { Text, Json };

struct Settings {
  std::string control;  // Unix socket path of the control API.
  Duration shutdown_timeout = std::chrono::seconds(30);
  std::string log_dir;  // Default directory of per-service log files; empty: none.
  LogFormat log_format = LogFormat::Text;  // Of the unified stream on drover's stdout.
  bool log_timestamps = false;             // Prefix unified-stream lines with a timestamp.

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
