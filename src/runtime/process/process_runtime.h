#pragma once

#include "runtime/runtime.h"

#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>
#include <sys/resource.h>
#include <sys/types.h>
#include <unordered_map>
#include <unordered_set>

namespace drover::runtime {

// Native processes: fork/exec with a session (and so a process group) per
// service, stdout/stderr through pipes, exits learnt from the supervisor's
// SIGCHLD drain via child_exited(). Output is read with "wait for readable,
// then read() until EAGAIN", so the exit path can drain a pipe synchronously
// without reordering bytes an asynchronous read already holds.
class ProcessRuntime : public Runtime {
 public:
  // Raises drover's soft limit on open files to the hard limit (each service
  // holds two pipes in drover; 1024 would stop at about 500 services); the
  // services themselves get the limit drover was started with.
  ProcessRuntime(boost::asio::io_context& io, Listener& listener, char* const* environment);
  ~ProcessRuntime() override;

  void start(InstanceId id, const core::ServiceSpec& spec) override;
  Result<void> signal(InstanceId id, int signo, core::SignalTarget target) override;
  void run_probe(const core::ServiceSpec& spec, std::vector<std::string> argv,
                 core::Duration timeout, ProbeCallback done) override;
  void kill_all() override;
  Result<void> set_main_pid(InstanceId id, int pid) override;
  Result<void> write_stdin(InstanceId id, std::string bytes) override;

  // Called by the supervisor's reaper for every child it collects (service
  // instances and probes). Returns false when `pid` is not one of ours (an
  // orphan it adopted as subreaper).
  bool child_exited(pid_t pid, int wait_status);

  size_t instance_count_for_test() const { return instances_.size(); }

 private:
  struct Instance;
  struct Probe;

  void check_exec_status(InstanceId id);
  void watch_output(InstanceId id, Stream stream);
  enum class Drained { Empty, Budget, Closed };
  // Reads what is available now, up to `budget` bytes: Empty when the pipe
  // would block, Budget when there may be more, Closed at EOF or an error.
  Drained drain(Instance& instance, Stream stream, size_t budget);
  void read_output(InstanceId id, Stream stream);
  void grow_pipe(Instance& instance, Stream stream);
  static constexpr size_t kReadBudget = 256 * 1024;
  // The pipe capacity asked for (F_SETPIPE_SZ) once a stream fills a turn's
  // budget: a flooding writer then blocks less often and each read takes a
  // whole budget. Quiet services keep the default 64 KiB, which counts less
  // against the per-user pipe memory limit (fs.pipe-user-pages-soft).
  static constexpr int kFloodPipeSize = 1024 * 1024;
  static constexpr size_t kExitReadBudget = 4 * 1024 * 1024;
  bool confirm_exec(Instance& instance);
  void forget_if_done(InstanceId id);
  void watch_probe(pid_t pid, size_t stream);
  bool probe_exited(pid_t pid, int wait_status);

  boost::asio::io_context& io_;
  Listener& listener_;
  char* const* environ_;
  std::optional<rlimit> child_open_files_;
  std::unordered_map<InstanceId, std::unique_ptr<Instance>> instances_;
  std::unordered_map<pid_t, InstanceId> by_pid_;
  std::unordered_map<pid_t, std::unique_ptr<Probe>> probes_;
  std::unordered_set<pid_t> groups_;  // Process groups that may still have members.
};

}  // namespace drover::runtime
