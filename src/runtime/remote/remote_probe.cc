// Probes (health.exec) on the remote host, and the last-resort kill at the
// end of shutdown.
#include "runtime/remote/remote_instance.h"
#include "runtime/remote/ssh_command.h"

#include <boost/asio/post.hpp>

#include <chrono>
#include <csignal>
#include <ctime>
#include <spawn.h>
#include <sys/wait.h>

namespace drover::runtime {
namespace asio = boost::asio;

void RemoteRuntime::run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                              core::Duration timeout, ProbeCallback done) {
  Host& host = host_for(spec.remote);
  auto seconds = std::chrono::ceil<std::chrono::seconds>(timeout).count();
  std::string command = remote::remote_command(
      remote::probe_script(spec.working_dir, spec.env, argv, static_cast<long>(seconds)));
  auto shared_done = std::make_shared<ProbeCallback>(std::move(done));
  connect(host, [this, &host, command, timeout, shared_done](const std::string* error) {
    if (error != nullptr) {
      ProbeResult result;
      result.status.code = 255;
      result.output = *error;
      (*shared_done)(std::move(result));
      return;
    }
    ssh_.run_probe(ssh_spec({}), remote::session_argv(host.remote, host.control_path, command),
                   timeout,
                   [shared_done](ProbeResult result) { (*shared_done)(std::move(result)); });
  });
}

// The end of shutdown: SIGKILL to every remote process group still known,
// all sent at once and waited for at most 3 s in all (the event loop is
// about to stop, so this cannot be asynchronous); then the local ssh
// clients go too.
void RemoteRuntime::kill_all() {
  killing_ = true;
  std::vector<pid_t> pending;
  for (const auto& [id, instance] : instances_) {
    if (!instance->header) {
      continue;
    }
    std::vector<std::string> argv =
        remote::session_argv(instance->host->remote, instance->host->control_path,
                             remote::remote_command(remote::signal_script(
                                 instance->header->pid, instance->header->token, "KILL", true)));
    std::vector<char*> raw;
    for (std::string& word : argv) {
      raw.push_back(word.data());
    }
    raw.push_back(nullptr);
    pid_t pid = 0;
    if (::posix_spawnp(&pid, "ssh", nullptr, nullptr, raw.data(), environ) == 0) {
      pending.push_back(pid);
    }
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (!pending.empty() && std::chrono::steady_clock::now() < deadline) {
    std::erase_if(pending, [](pid_t pid) {
      int status = 0;
      return ::waitpid(pid, &status, WNOHANG) != 0;
    });
    timespec pause{0, 20 * 1000 * 1000};
    ::nanosleep(&pause, nullptr);
  }
  for (pid_t pid : pending) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  ssh_.kill_all();
}

}  // namespace drover::runtime
