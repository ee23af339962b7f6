#pragma once

#include <string>
#include <variant>
#include <vector>

namespace drover::core {

// Requests that reach the supervisor from outside (API, signals). The API
// parses a request into one of these; the supervisor decides what it means.
struct StartCommand {
  std::vector<std::string> names;  // "all" is expanded by the supervisor.
};
struct StopCommand {
  std::vector<std::string> names;
};
struct RestartCommand {
  std::vector<std::string> names;
};
struct SignalCommand {
  std::vector<std::string> names;
  int signo = 0;
};
// Runs a scheduled service now, honouring its concurrency policy.
struct TriggerCommand {
  std::vector<std::string> names;
};
struct ReloadCommand {};
struct ShutdownCommand {};

using Command = std::variant<StartCommand, StopCommand, RestartCommand, SignalCommand,
                             TriggerCommand, ReloadCommand, ShutdownCommand>;

}  // namespace drover::core
