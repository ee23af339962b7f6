// Probe commands for the process runtime: a short-lived child with the
// service's user, environment and working directory, its output (stdout and
// stderr together, first kProbeOutputLimit bytes) kept for the report, and a
// timer that kills its process group when it overruns. Reaped through the
// same SIGCHLD drain as services, so probes never block the loop.
#include "runtime/process/probe.h"
#include "runtime/process/process_runtime.h"
#include "runtime/process/spawn.h"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <array>
#include <cerrno>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace drover::runtime {

namespace asio = boost::asio;

namespace {}  // namespace

void ProcessRuntime::run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                               core::Duration timeout, ProbeCallback done) {
  core::ServiceSpec probe_spec = spec;
  probe_spec.argv = std::move(argv);
  probe_spec.ready = core::ReadySpec{};  // The readiness fd is the service's, not its probes'.
  Result<SpawnPlan> plan = prepare_spawn(probe_spec, environ_);
  if (plan) {
    plan->open_files = child_open_files_;
  }
  Result<SpawnedChild> child = plan ? spawn_child(*plan) : Result<SpawnedChild>(plan.error());
  if (!child) {
    ProbeResult result;
    result.status.code = 127;
    result.output = child.error().message;
    asio::post(io_, [done = std::move(done), result = std::move(result)] { done(result); });
    return;
  }
  pid_t pid = child->pid;
  auto probe = std::make_unique<Probe>(io_, *child);
  probe->done = std::move(done);
  probe->timer.expires_after(timeout);
  probe->timer.async_wait([this, pid](boost::system::error_code ec) {
    auto found = probes_.find(pid);
    if (ec || found == probes_.end()) {
      return;
    }
    found->second->timed_out = true;
    ::kill(-pid, SIGKILL);
  });
  probes_[pid] = std::move(probe);
  watch_probe(pid, 0);
  watch_probe(pid, 1);
}

void ProcessRuntime::watch_probe(pid_t pid, size_t stream) {
  probes_.at(pid)->pipes()[stream]->async_wait(
      asio::posix::stream_descriptor::wait_read, [this, pid, stream](boost::system::error_code ec) {
        auto found = probes_.find(pid);
        if (ec || found == probes_.end()) {
          return;
        }
        Probe& probe = *found->second;
        if (!probe.read_available(*probe.pipes()[stream])) {
          probe.pipes()[stream]->close();
          return;
        }
        watch_probe(pid, stream);
      });
}

bool ProcessRuntime::probe_exited(pid_t pid, int wait_status) {
  auto found = probes_.find(pid);
  if (found == probes_.end()) {
    return false;
  }
  std::unique_ptr<Probe> probe = std::move(found->second);
  probes_.erase(found);
  // Read what is left now; helpers of the probe that keep the pipe open are
  // not waited for (and were killed with the group on timeout).
  for (asio::posix::stream_descriptor* pipe : probe->pipes()) {
    if (pipe->is_open()) {
      probe->read_available(*pipe);
    }
  }
  ::kill(-pid, SIGKILL);  // Nothing a probe started may outlive it.
  ProbeResult result;
  result.status = exit_status_from_wait(wait_status);
  result.output = std::move(probe->output);
  result.timed_out = probe->timed_out;
  result.elapsed =
      std::chrono::duration_cast<core::Duration>(std::chrono::steady_clock::now() - probe->started);
  probe->done(std::move(result));
  return true;
}

}  // namespace drover::runtime
