// The process runtime. An instance lives from spawn until its main process has
// been reaped and both output pipes have reached EOF; helpers that keep a pipe
// open keep only the pipe alive, never the state machine (it reacts to the
// main process's exit, as supervisord does).
#include "runtime/process/process_runtime.h"

#include "runtime/process/cgroup_tree.h"
#include "runtime/process/probe.h"
#include "runtime/process/ready_pipe.h"
#include "runtime/process/service_cgroup.h"
#include "runtime/process/spawn.h"
#include "runtime/process/stdin_writer.h"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/post.hpp>

#include <array>
#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace drover::runtime {

namespace asio = boost::asio;

namespace {

// The parent of `pid` from /proc/<pid>/stat; 0 when unknown.
pid_t parent_of(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  size_t close = text.rfind(')');  // The command may contain spaces and parentheses.
  if (close == std::string::npos) {
    return 0;
  }
  std::istringstream rest(text.substr(close + 2));
  char state = 0;
  pid_t ppid = 0;
  rest >> state >> ppid;
  return ppid;
}

// Whether `pid` is `ancestor`'s descendant, or an orphan drover inherited
// (its parent chain reaches drover without passing another service first
// cannot be told apart, so a direct child of drover is accepted).
bool descends_from(pid_t pid, pid_t ancestor) {
  pid_t self = ::getpid();
  for (int depth = 0; depth < 32 && pid > 1; ++depth) {
    pid_t parent = parent_of(pid);
    if (parent == ancestor || parent == self) {
      return true;
    }
    pid = parent;
  }
  return false;
}

}  // namespace

struct ProcessRuntime::Instance {
  Instance(asio::io_context& io, InstanceId instance_id, SpawnedChild child)
      : id(instance_id),
        pid(child.pid),
        exec_status(std::move(child.exec_status)),
        out(io, child.stdout_pipe.release()),
        err(io, child.stderr_pipe.release()) {}

  asio::posix::stream_descriptor& pipe(Stream stream) {
    return stream == Stream::Stdout ? out : err;
  }

  InstanceId id;
  pid_t pid;
  bool confirmed = false;  // The child reported exec success or failure.
  bool failed = false;     // ... and it was failure: on_spawn_failed was delivered.
  bool exited = false;
  // MAINPID=: the process that now stands for the instance; 0 = `pid`.
  pid_t main_pid = 0;
  std::string executable;
  std::string working_dir;
  // The exec status pipe is registered with the event loop only when the
  // child has not exec'd by the time we look (the fork() path of sanitized
  // builds); after a vfork-style clone it is always already decided.
  UniqueFd exec_status;
  std::unique_ptr<asio::posix::stream_descriptor> exec_watch;
  asio::posix::stream_descriptor out;
  asio::posix::stream_descriptor err;
  bool out_grown = false;  // The pipe was asked for kFloodPipeSize.
  bool err_grown = false;
  std::unique_ptr<ReadyPipe> ready;           // `ready: {fd: N}` only.
  std::unique_ptr<StdinWriter> stdin_writer;  // Event listeners only.
  // The service's cgroup (cgroup_tree.h), when its resources are enforced by one.
  std::string cgroup;
  uint64_t memory_limit = 0;
  uint64_t oom_kills_at_start = 0;
};

namespace {

// One read buffer for every pipe: the loop is single-threaded and each read's
// bytes are handed to the listener before the next read. As large as a turn's
// budget, so a flooding stream with a grown pipe costs one read per turn. Its
// pages become resident only once some stream has filled them.
std::array<char, 256 * 1024> g_read_buffer;

}  // namespace

ProcessRuntime::ProcessRuntime(asio::io_context& io, Listener& listener, char* const* environment)
    : io_(io), listener_(listener), environ_(environment) {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    rlimit raised = limit;
    raised.rlim_cur = limit.rlim_max;
    if (::setrlimit(RLIMIT_NOFILE, &raised) == 0) {
      child_open_files_ = limit;
    }
  }
}

ProcessRuntime::~ProcessRuntime() = default;

void ProcessRuntime::start(InstanceId id, const core::ServiceSpec& spec) {
  Result<SpawnPlan> plan = prepare_spawn(spec, environ_);
  std::vector<UniqueFd> cgroup_procs;
  if (plan) {
    plan->open_files = child_open_files_;
    cgroup_procs = join_cgroup(spec, *plan);
  }
  Result<SpawnedChild> child = plan ? spawn_child(*plan) : Result<SpawnedChild>(plan.error());
  if (!child) {
    asio::post(io_, [this, id, error = child.error()] { listener_.on_spawn_failed(id, error); });
    return;
  }
  pid_t pid = child->pid;
  UniqueFd ready_read = std::move(child->ready_pipe);
  UniqueFd stdin_write = std::move(child->stdin_pipe);
  auto instance = std::make_unique<Instance>(io_, id, std::move(*child));
  if (ready_read.valid()) {
    instance->ready = std::make_unique<ReadyPipe>(io_, std::move(ready_read),
                                                  [this, id] { listener_.on_ready(id); });
  }
  if (stdin_write.valid()) {
    instance->stdin_writer = std::make_unique<StdinWriter>(io_, std::move(stdin_write));
  }
  if (!cgroup_procs.empty()) {
    instance->cgroup = spec.name;
    instance->memory_limit = spec.resources.memory.value_or(0);
    instance->oom_kills_at_start = service_cgroups()->oom_kills(spec.name);
  }
  instance->executable = plan->executable;
  instance->working_dir = plan->working_dir;
  instances_[id] = std::move(instance);
  by_pid_[pid] = id;
  groups_.insert(pid);
  asio::post(io_, [this, id] { check_exec_status(id); });
  watch_output(id, Stream::Stdout);
  watch_output(id, Stream::Stderr);
}

Result<void> ProcessRuntime::write_stdin(InstanceId id, std::string bytes) {
  auto found = instances_.find(id);
  if (found == instances_.end() || !found->second->stdin_writer || found->second->exited ||
      found->second->stdin_writer->broken()) {
    return make_error(Errc::NotFound, "no stdin pipe for instance " + std::to_string(id));
  }
  found->second->stdin_writer->write(std::move(bytes));
  return {};
}

void ProcessRuntime::check_exec_status(InstanceId id) {
  auto found = instances_.find(id);
  if (found == instances_.end() || found->second->confirmed) {
    return;
  }
  Instance& instance = *found->second;
  if (confirm_exec(instance)) {
    return;
  }
  if (!instance.exec_watch) {
    instance.exec_watch =
        std::make_unique<asio::posix::stream_descriptor>(io_, instance.exec_status.release());
  }
  instance.exec_watch->async_wait(asio::posix::stream_descriptor::wait_read,
                                  [this, id](boost::system::error_code ec) {
                                    if (!ec) {
                                      check_exec_status(id);
                                    }
                                  });
}

// Delivers on_spawned or on_spawn_failed once the child has told us. Returns
// false while it has not.
bool ProcessRuntime::confirm_exec(Instance& instance) {
  int fd = instance.exec_watch ? instance.exec_watch->native_handle() : instance.exec_status.get();
  Result<bool> status = read_exec_status(fd, instance.executable, instance.working_dir);
  if (status && !*status) {
    return false;
  }
  instance.confirmed = true;
  instance.exec_watch.reset();
  instance.exec_status.reset();
  if (!status) {
    // The child _exit(127)s without output; its exit is reaped but not reported.
    instance.failed = true;
    instance.out.close();
    instance.err.close();
    listener_.on_spawn_failed(instance.id, status.error());
    return true;
  }
  listener_.on_spawned(instance.id, instance.pid);
  return true;
}

void ProcessRuntime::watch_output(InstanceId id, Stream stream) {
  instances_[id]->pipe(stream).async_wait(asio::posix::stream_descriptor::wait_read,
                                          [this, id, stream](boost::system::error_code ec) {
                                            if (!ec) {
                                              read_output(id, stream);
                                            }
                                          });
}

void ProcessRuntime::read_output(InstanceId id, Stream stream) {
  auto found = instances_.find(id);
  if (found == instances_.end() || !found->second->pipe(stream).is_open()) {
    return;
  }
  switch (drain(*found->second, stream, kReadBudget)) {
    case Drained::Empty:
      watch_output(id, stream);
      return;
    case Drained::Budget:
      // Fairness: a service that writes as fast as it can gets one budget
      // per turn, then every other ready handler (other services, the API)
      // runs before it is read again.
      grow_pipe(*found->second, stream);
      asio::post(io_, [this, id, stream] { read_output(id, stream); });
      return;
    case Drained::Closed:
      found->second->pipe(stream).close();
      forget_if_done(id);
      return;
  }
}

// Failure (EPERM over the per-user pipe memory limit, EBUSY) only keeps the
// default capacity, so it is not reported.
void ProcessRuntime::grow_pipe(Instance& instance, Stream stream) {
  bool& grown = stream == Stream::Stdout ? instance.out_grown : instance.err_grown;
  if (!grown) {
    grown = true;
    ::fcntl(instance.pipe(stream).native_handle(), F_SETPIPE_SZ, kFloodPipeSize);
  }
}

ProcessRuntime::Drained ProcessRuntime::drain(Instance& instance, Stream stream, size_t budget) {
  asio::posix::stream_descriptor& pipe = instance.pipe(stream);
  if (!pipe.is_open()) {
    return Drained::Closed;
  }
  size_t taken = 0;
  while (taken < budget) {
    ssize_t n = ::read(pipe.native_handle(), g_read_buffer.data(), g_read_buffer.size());
    if (n > 0) {
      taken += static_cast<size_t>(n);
      listener_.on_output(instance.id, stream, std::string_view(g_read_buffer.data(), n));
      continue;
    }
    if (n < 0 && errno == EINTR) {
      continue;
    }
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) ? Drained::Empty : Drained::Closed;
  }
  return Drained::Budget;
}

bool ProcessRuntime::child_exited(pid_t pid, int wait_status) {
  auto found = by_pid_.find(pid);
  if (found == by_pid_.end()) {
    return probe_exited(pid, wait_status);
  }
  InstanceId id = found->second;
  by_pid_.erase(found);
  Instance& instance = *instances_.at(id);
  if (instance.main_pid != 0 && pid != instance.main_pid && ::kill(instance.main_pid, 0) == 0) {
    // The starter of a MAINPID= daemon ended; the daemon goes on as the
    // instance (it is reaped here too: drover is its subreaper).
    if (!instance.confirmed) {
      confirm_exec(instance);
    }
    return true;
  }
  instance.exited = true;
  if (::kill(-pid, 0) < 0) {
    groups_.erase(pid);  // No member of its group is left.
  }
  // The exit closed the child's end of the status pipe, so this cannot wait.
  if (!instance.confirmed && !confirm_exec(instance)) {
    instance.confirmed = true;
    instance.failed = true;
    listener_.on_spawn_failed(id, make_error(Errc::SpawnFailed, "child vanished during exec"));
  }
  if (!instance.failed) {
    // Hand over what the process wrote before it ended, then report the end.
    // The pipe holds at most its buffer's worth from the dead process;
    // anything beyond the budget comes from helpers and is read in turn.
    for (Stream stream : {Stream::Stdout, Stream::Stderr}) {
      if (drain(instance, stream, kExitReadBudget) == Drained::Closed) {
        instance.pipe(stream).close();
      }
    }
    core::ExitStatus status = exit_status_from_wait(wait_status);
    settle_cgroup(instance.cgroup, instance.memory_limit, instance.oom_kills_at_start, status);
    listener_.on_exited(id, status);
  }
  forget_if_done(id);
  return true;
}

void ProcessRuntime::forget_if_done(InstanceId id) {
  auto found = instances_.find(id);
  if (found == instances_.end()) {
    return;
  }
  Instance& instance = *found->second;
  if (instance.exited && !instance.out.is_open() && !instance.err.is_open()) {
    remove_cgroup(instance.cgroup);
    instances_.erase(found);
  }
}

Result<void> ProcessRuntime::signal(InstanceId id, int signo, core::SignalTarget target) {
  auto found = instances_.find(id);
  if (found == instances_.end() || found->second->exited) {
    return make_error(Errc::NotFound, "no such process");
  }
  pid_t pid = found->second->main_pid != 0 ? found->second->main_pid : found->second->pid;
  pid_t group = ::getpgid(pid);
  pid_t target_id = target == core::SignalTarget::Group && group > 0 ? -group : pid;
  if (::kill(target_id, signo) < 0) {
    return errno_error(Errc::Io, "kill", errno);
  }
  return {};
}

// Only a descendant of the instance's process (or an orphan of it that
// drover, its subreaper, inherited) may become its main pid: a MAINPID=
// naming any other process (drover itself, another service) is refused.
Result<void> ProcessRuntime::set_main_pid(InstanceId id, int pid) {
  auto found = instances_.find(id);
  if (found == instances_.end() || found->second->exited) {
    return make_error(Errc::NotFound, "no such process");
  }
  Instance& instance = *found->second;
  if (pid <= 1 || pid == ::getpid() || ::kill(pid, 0) != 0) {
    return make_error(Errc::InvalidArgument,
                      "MAINPID=" + std::to_string(pid) + " is not a live process");
  }
  if (pid == instance.pid || pid == instance.main_pid) {
    return {};
  }
  auto owner = by_pid_.find(pid);
  if (owner != by_pid_.end() && owner->second != id) {
    return make_error(Errc::PermissionDenied,
                      "MAINPID=" + std::to_string(pid) + " belongs to another service");
  }
  if (!descends_from(pid, instance.pid)) {
    return make_error(Errc::PermissionDenied,
                      "MAINPID=" + std::to_string(pid) + " is not a process the service started");
  }
  if (instance.main_pid != 0) {
    by_pid_.erase(instance.main_pid);
  }
  instance.main_pid = pid;
  by_pid_[pid] = id;
  groups_.insert(::getpgid(pid) > 0 ? ::getpgid(pid) : pid);
  return {};
}

void ProcessRuntime::kill_all() {
  for (const auto& [id, instance] : instances_) {
    kill_cgroup(instance->cgroup);
  }
  for (auto it = groups_.begin(); it != groups_.end();) {
    if (::kill(-*it, SIGKILL) < 0 && errno == ESRCH) {
      it = groups_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace drover::runtime
