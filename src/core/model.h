#pragma once

#include <chrono>
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

  bool operator==(const ServiceSpec&) const = default;
};

struct Settings {
  std::string control;  // Unix socket path of the control API.
  Duration shutdown_timeout = std::chrono::seconds(30);

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
