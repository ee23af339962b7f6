#pragma once

#include "runtime/process/process_runtime.h"
#include "runtime/remote/remote_script.h"
#include "runtime/runtime.h"

#include <boost/asio/io_context.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <unordered_map>

namespace drover::runtime {

// `runtime: remote` services over the system OpenSSH client (decision 0018).
// Each host gets one master connection (ssh -M, ControlPath in a private
// directory) and every start, signal and probe of its services is a session
// multiplexed over it. A start runs remote/remote_script.h's follower: the
// command runs in its own session on the host with its output through FIFOs,
// its pid and start-time token come back in a header line, and its exit
// status is the follower's. The ssh clients themselves are local processes,
// run by an inner ProcessRuntime, so their output and exits take the same
// road as any service's.
class RemoteRuntime : public Runtime {
 public:
  // `project` and the local host name name the services' state directories
  // on the remote hosts.
  RemoteRuntime(boost::asio::io_context& io, Listener& listener, char* const* environment,
                std::string project);
  ~RemoteRuntime() override;

  void start(InstanceId id, const core::ServiceSpec& spec) override;
  Result<void> signal(InstanceId id, int signo, core::SignalTarget target) override;
  void run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                 core::Duration timeout, ProbeCallback done) override;
  void kill_all() override;

  // The supervisor's reaper hands every pid here too: the ssh clients are
  // drover's children. False when `pid` is not one of them.
  bool child_exited(pid_t pid, int wait_status);

 private:
  struct Host;
  struct Instance;
  class SshEvents;
  // Calls `ready` with nullptr once the host's master is connected, or with
  // the reason it could not connect. Never from inside this call.
  using ConnectCallback = std::function<void(const std::string* error)>;
  Host& host_for(const core::RemoteSpec& remote);
  void connect(Host& host, ConnectCallback ready);
  void master_output(Host& host, Stream stream, std::string_view bytes);
  void master_exited(Host& host, const core::ExitStatus& status);
  void connect_failed(Host& host, std::string reason);
  void finish_connect(Host& host, const std::string* error);

  void launch(InstanceId id);
  // Runs `script` as the instance's session (follower or adopt script).
  void open_session(InstanceId id, Instance& instance, const std::string& script);
  void follower_output(InstanceId id, Stream stream, std::string_view bytes);
  void first_line(InstanceId id, Instance& instance, std::string_view line);
  void follower_exited(InstanceId id, const core::ExitStatus& status);
  void fail(InstanceId id, const std::string& message);
  void send_signal(const Instance& instance, int signo, core::SignalTarget target);

  // remote_resume.cc: a session ended without the command's status (the
  // connection dropped): find the command again, or learn how it ended.
  void resume(InstanceId id);
  void lose(InstanceId id, Instance& instance, const std::string& reason);
  void attach(InstanceId id, Instance& instance);
  const std::string& control_dir();
  core::ServiceSpec ssh_spec(std::vector<std::string> argv) const;

  boost::asio::io_context& io_;
  Listener& listener_;
  std::unique_ptr<SshEvents> events_;
  ProcessRuntime ssh_;  // Runs the ssh clients.
  std::string project_;
  std::string local_host_;
  std::string control_dir_;  // Made on first use; holds the masters' sockets.
  std::map<std::string, std::unique_ptr<Host>> hosts_;  // By ssh_command.h's connection_key.
  std::unordered_map<InstanceId, std::unique_ptr<Instance>> instances_;
  // The inner ProcessRuntime's ids: which master or follower each ssh client is.
  struct Route {
    Host* master = nullptr;
    InstanceId follower_of = 0;
  };
  std::unordered_map<InstanceId, Route> routes_;
  InstanceId next_ssh_id_ = 1;
  bool killing_ = false;  // kill_all() ran: ended sessions are ends, not losses.
};

}  // namespace drover::runtime
