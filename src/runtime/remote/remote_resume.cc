// After a session ended without the command's status (the connection to the
// host dropped): the instance is out of sight (UNKNOWN) until the host
// answers again; then the adopt script finds the command by its recorded
// pid and start time and relays its output again (on_disconnect: adopt),
// or kills it (restart), or learns how it ended meanwhile.
#include "runtime/remote/remote_instance.h"
#include "runtime/remote/ssh_command.h"

#include <algorithm>
#include <chrono>

namespace drover::runtime {

void RemoteRuntime::lose(InstanceId id, Instance& instance, const std::string& reason) {
  instance.phase = Instance::Phase::Lost;
  instance.session = 0;
  if (!instance.lost) {
    instance.lost = true;
    listener_.on_lost(id, reason + "; reconnecting");
  }
  // 0.5 s, 1 s, 2 s ... at most 15 s between attempts.
  auto delay = std::chrono::milliseconds(500) * (1 << std::min(instance.attempts, 5));
  instance.attempts += 1;
  instance.retry.expires_after(
      std::min<std::chrono::milliseconds>(delay, std::chrono::seconds(15)));
  instance.retry.async_wait([this, id](boost::system::error_code ec) {
    if (!ec) {
      resume(id);
    }
  });
}

void RemoteRuntime::resume(InstanceId id) {
  auto found = instances_.find(id);
  if (found == instances_.end()) {
    return;
  }
  Instance& instance = *found->second;
  instance.phase = Instance::Phase::Resuming;
  instance.outcome.reset();
  connect(*instance.host, [this, id](const std::string* error) {
    auto again = instances_.find(id);
    if (again == instances_.end()) {
      return;
    }
    Instance& current = *again->second;
    if (error != nullptr) {
      lose(id, current, *error);
      return;
    }
    bool restart = current.spec.remote.on_disconnect == core::OnDisconnect::Restart;
    open_session(id, current,
                 remote::adopt_script(remote::state_key(local_host_, project_, current.spec.name),
                                      current.header->pid, current.header->token, restart));
  });
}

// Found running again: the listener hears of it only if it heard of the loss.
void RemoteRuntime::attach(InstanceId id, Instance& instance) {
  instance.attempts = 0;
  std::vector<std::pair<int, core::SignalTarget>> pending = std::move(instance.pending_signals);
  instance.pending_signals.clear();
  if (instance.lost) {
    instance.lost = false;
    listener_.on_regained(id);
  }
  for (const auto& [signo, target] : pending) {
    send_signal(instance, signo, target);
  }
}

}  // namespace drover::runtime
