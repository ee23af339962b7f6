// The master connections: one `ssh -M` per destination, started on the first
// start that needs it; the starts that arrive while it connects wait for it.
#include "runtime/remote/remote_instance.h"
#include "runtime/remote/ssh_command.h"

#include <boost/asio/post.hpp>

#include <csignal>

namespace drover::runtime {
namespace asio = boost::asio;

RemoteRuntime::Host& RemoteRuntime::host_for(const core::RemoteSpec& remote) {
  std::string key = remote::connection_key(remote);
  auto found = hosts_.find(key);
  if (found != hosts_.end()) {
    return *found->second;
  }
  auto host = std::make_unique<Host>();
  host->remote = remote;
  host->control_path = control_dir() + "/m" + std::to_string(hosts_.size());
  return *hosts_.emplace(key, std::move(host)).first->second;
}

void RemoteRuntime::connect(Host& host, ConnectCallback ready) {
  if (host.state == Host::State::Up) {
    asio::post(io_, [ready = std::move(ready)] { ready(nullptr); });
    return;
  }
  host.waiting.push_back(std::move(ready));
  if (host.state == Host::State::Connecting) {
    return;
  }
  if (control_dir().empty()) {
    std::string reason = "cannot make a directory for the ssh control socket in /tmp";
    asio::post(io_, [this, &host, reason] { finish_connect(host, &reason); });
    return;
  }
  host.state = Host::State::Connecting;
  host.master_stdout.clear();
  host.master_stderr.clear();
  host.master = next_ssh_id_++;
  routes_[host.master] = Route{&host, 0};
  ssh_.start(host.master, ssh_spec(remote::master_argv(host.remote, host.control_path)));
}

void RemoteRuntime::master_output(Host& host, Stream stream, std::string_view bytes) {
  std::string& kept = stream == Stream::Stdout ? host.master_stdout : host.master_stderr;
  if (kept.size() < 4096) {
    kept.append(bytes.substr(0, 4096 - kept.size()));
  }
  if (host.state == Host::State::Connecting &&
      host.master_stdout.find(remote::kMasterReady) != std::string::npos) {
    host.state = Host::State::Up;
    finish_connect(host, nullptr);
  }
}

void RemoteRuntime::master_exited(Host& host, const core::ExitStatus& status) {
  bool was_connecting = host.state == Host::State::Connecting;
  host.state = Host::State::Idle;
  host.master = 0;
  if (!was_connecting) {
    return;  // Its sessions end with it, and each reports its own loss.
  }
  std::string reason = host.master_stderr;
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == '\r')) {
    reason.pop_back();
  }
  if (reason.empty()) {
    reason = "ssh ended with " + core::describe_exit(status);
  }
  if (reason.find("Host key verification failed") == std::string::npos) {
    connect_failed(host, reason);
    return;
  }
  // The key is unknown (or changed): say which key the host offers, so the
  // user can check it before trusting it.
  ssh_.run_probe(ssh_spec({}), remote::fingerprint_argv(host.remote), std::chrono::seconds(10),
                 [this, &host, reason](const ProbeResult& result) {
                   std::string prints = result.output;
                   while (!prints.empty() && prints.back() == '\n') {
                     prints.pop_back();
                   }
                   connect_failed(
                       host,
                       reason + (prints.empty() ? "" : "; the host offers " + prints) +
                           " (add its key to " +
                           (host.remote.ssh.known_hosts.empty() ? std::string("~/.ssh/known_hosts")
                                                                : host.remote.ssh.known_hosts) +
                           " once you have verified it)");
                 });
}

void RemoteRuntime::connect_failed(Host& host, std::string reason) {
  std::string message =
      "cannot connect to " + remote::describe_destination(host.remote) + ": " + reason;
  finish_connect(host, &message);
}

void RemoteRuntime::finish_connect(Host& host, const std::string* error) {
  std::vector<ConnectCallback> waiting = std::move(host.waiting);
  host.waiting.clear();
  for (ConnectCallback& ready : waiting) {
    ready(error);
  }
}

}  // namespace drover::runtime
