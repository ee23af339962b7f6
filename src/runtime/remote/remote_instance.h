#pragma once

#include "runtime/remote/remote_runtime.h"

#include <boost/asio/steady_timer.hpp>

#include <optional>
#include <string>
#include <vector>

namespace drover::runtime {

// One master connection (ssh -M) and who waits for it.
struct RemoteRuntime::Host {
  core::RemoteSpec remote;  // The first service's; connection_key() equal for all.
  std::string control_path;
  enum class State { Idle, Connecting, Up } state = State::Idle;
  InstanceId master = 0;      // The inner ProcessRuntime's id of the master.
  std::string master_stdout;  // Until the ready line.
  std::string master_stderr;  // Its first bytes: why a connection failed.
  std::vector<ConnectCallback> waiting;
};

// One start of a remote service: the session that follows it and what the
// remote side said.
struct RemoteRuntime::Instance {
  explicit Instance(boost::asio::io_context& io) : retry(io) {}

  core::ServiceSpec spec;
  Host* host = nullptr;
  enum class Phase {
    Connecting,  // Waiting for the host's master.
    Starting,    // The follower runs; no header yet.
    Attached,    // The command runs; its output is relayed.
    Resuming,    // After a lost session: the adopt script runs; no first line yet.
    Lost,        // Out of sight; `retry` brings the next attempt.
  } phase = Phase::Connecting;
  InstanceId session = 0;                   // The inner id of the follower or adopt session.
  std::optional<remote::Header> header;     // Set once the command runs.
  std::string first_line;                   // Before the header: its partial line.
  std::string setup_stderr;                 // Before the header: why the start failed.
  std::optional<core::ExitStatus> outcome;  // From an adopt script's first line.
  bool lost = false;                        // The listener has heard on_lost.
  int attempts = 0;                         // Resume attempts since the loss.
  boost::asio::steady_timer retry;
  // Signals asked for while out of sight, delivered once it is found again.
  std::vector<std::pair<int, core::SignalTarget>> pending_signals;
};

}  // namespace drover::runtime
