#pragma once

#include "base/result.h"
#include "core/model.h"
#include "core/service_status.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace drover::runtime {

// One start of a service. The supervisor allocates a fresh id for every spawn,
// so events from an old instance can never be mistaken for the current one.
using InstanceId = uint64_t;

enum class Stream : uint8_t { Stdout, Stderr };

// Where a runtime reports what happened to its instances. Called on the event
// loop's thread, never from inside a Runtime method (results are posted), so
// the supervisor is never re-entered while it executes actions.
class Listener {
 public:
  virtual ~Listener() = default;

  // The instance exists (for a process: exec succeeded). `pid` is 0 where the
  // runtime has no local pid.
  virtual void on_spawned(InstanceId id, int pid) = 0;
  // The instance could not be created; nothing is left running. No on_exited follows.
  virtual void on_spawn_failed(InstanceId id, Error error) = 0;
  // Raw bytes, in order per (instance, stream); not split into lines.
  virtual void on_output(InstanceId id, Stream stream, std::string_view bytes) = 0;
  // The main process ended. Everything it wrote before ending has been passed
  // to on_output first; output from helpers that outlive it may still follow.
  virtual void on_exited(InstanceId id, core::ExitStatus status) = 0;
  // The instance said it is ready (`ready: {fd: N}`: a newline on fd N).
  // At most once per instance; runtimes without readiness never call it.
  virtual void on_ready(InstanceId /*id*/) {}
  // The runtime lost sight of a running instance, which may still run (the
  // connection to its remote host dropped), and later found it running
  // again. Its end, seen or learnt afterwards, still comes as on_exited.
  virtual void on_lost(InstanceId /*id*/, std::string /*reason*/) {}
  virtual void on_regained(InstanceId /*id*/) {}
};

// The outcome of one probe command (health checks, `drover exec`-style
// checks). `output` holds the first bytes of stdout and stderr together.
struct ProbeResult {
  core::ExitStatus status;
  std::string output;
  bool timed_out = false;
  core::Duration elapsed{0};
};
using ProbeCallback = std::function<void(ProbeResult)>;

// The one seam between the supervisor and the things it supervises: native
// processes today, Docker containers and remote SSH processes next. Every
// method returns at once; outcomes arrive through the Listener as events, so
// the core sees the same events whatever the runtime.
class Runtime {
 public:
  virtual ~Runtime() = default;

  // Starts an instance of `spec`. Exactly one of on_spawned/on_spawn_failed follows.
  virtual void start(InstanceId id, const core::ServiceSpec& spec) = 0;

  // Sends `signo` to the instance's main process or to its whole group.
  // Returns an error (and sends nothing) when the instance is unknown or gone.
  virtual Result<void> signal(InstanceId id, int signo, core::SignalTarget target) = 0;

  // Runs `argv` where the service runs (for a process: with its user,
  // environment and working directory) and reports through `done`, exactly
  // once and never from inside this call. A probe still running after
  // `timeout` is killed with its whole process group and reported timed_out.
  virtual void run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                         core::Duration timeout, ProbeCallback done) = 0;

  // systemd's MAINPID=: from now on `pid` is the instance's main process (a
  // service that forks a daemon and exits). Its exit, not the original
  // process's, ends the instance, and signals go to it and its group. Fails
  // (and changes nothing) when the runtime cannot supervise that pid.
  virtual Result<void> set_main_pid(InstanceId id, int pid) {
    (void)id;
    (void)pid;
    return make_error(Errc::Unavailable, "this runtime cannot adopt a main pid");
  }

  // Sends SIGKILL to every process group this runtime started that may still
  // have members, including helpers left behind by exited instances. Used at
  // the end of shutdown so that nothing outlives drover.
  virtual void kill_all() = 0;

  // Queues `bytes` for the instance's stdin, which is a pipe only for event
  // listeners (spec.event_listener). Never blocks; an error when the
  // instance has no stdin pipe or is gone.
  virtual Result<void> write_stdin(InstanceId /*id*/, std::string /*bytes*/) {
    return make_error(Errc::NotFound, "this runtime has no stdin pipes");
  }
};

}  // namespace drover::runtime
