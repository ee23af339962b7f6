// Spawning a service process: resolve in the parent, fork, and let postfork.cc do the
// few async-signal-safe steps in the child. Not posix_spawn: switching users, the
// umask and joining a cgroup need child-side steps that posix_spawn cannot express.
#include "runtime/process/spawn.h"

#include "base/shell_words.h"
#include "runtime/process/postfork.h"
#include "runtime/process/stdin_writer.h"
#include "runtime/process/user_db.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

namespace drover::runtime {
namespace {

constexpr const char* kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::string env_value(const std::vector<std::string>& envp, const std::string& key) {
  for (const std::string& entry : envp) {
    if (entry.size() > key.size() && entry.compare(0, key.size(), key) == 0 &&
        entry[key.size()] == '=') {
      return entry.substr(key.size() + 1);
    }
  }
  return "";
}

std::vector<std::string> build_env(const core::ServiceSpec& spec, char* const* environment,
                                   const UserEntry* user) {
  std::map<std::string, std::string> values;
  std::vector<std::string> order;
  auto set = [&](const std::string& key, const std::string& value) {
    if (values.emplace(key, value).second) {
      order.push_back(key);
    } else {
      values[key] = value;
    }
  };
  for (char* const* entry = environment; entry != nullptr && *entry != nullptr; ++entry) {
    std::string text(*entry);
    size_t eq = text.find('=');
    if (eq != std::string::npos) {
      set(text.substr(0, eq), text.substr(eq + 1));
    }
  }
  if (user != nullptr) {
    set("HOME", user->home);
    set("USER", user->name);
    set("LOGNAME", user->name);
  }
  for (const auto& [key, value] : spec.env) {
    set(key, value);
  }
  std::vector<std::string> envp;
  envp.reserve(order.size());
  for (const std::string& key : order) {
    envp.push_back(key + "=" + values[key]);
  }
  return envp;
}

// execvp's PATH search, done in the parent so that "not found" can name the
// PATH that was searched (and because execvp may allocate after fork).
Result<std::string> resolve_executable(const std::string& name, const std::string& path) {
  if (name.find('/') != std::string::npos) {
    return name;
  }
  std::string searched = path.empty() ? kDefaultPath : path;
  std::string denied;
  size_t start = 0;
  while (start <= searched.size()) {
    size_t end = searched.find(':', start);
    if (end == std::string::npos) {
      end = searched.size();
    }
    std::string dir = searched.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    struct stat info {};
    if (::stat(candidate.c_str(), &info) == 0 && S_ISREG(info.st_mode)) {
      if (::access(candidate.c_str(), X_OK) == 0) {
        return candidate;
      }
      denied = candidate;
    }
    start = end + 1;
  }
  if (!denied.empty()) {
    return make_error(Errc::SpawnFailed, "cannot execute " + denied + ": permission denied");
  }
  return make_error(Errc::SpawnFailed,
                    "command \"" + name + "\" not found in PATH (" + searched + ")");
}

const char* step_name(ChildStep step) {
  switch (step) {
    case ChildStep::Setsid:
      return "setsid";
    case ChildStep::Stdio:
      return "dup2 stdio";
    case ChildStep::Signals:
      return "reset signals";
    case ChildStep::Chdir:
      return "chdir";
    case ChildStep::Setgroups:
      return "setgroups";
    case ChildStep::Setgid:
      return "setgid";
    case ChildStep::Setuid:
      return "setuid";
    case ChildStep::Rlimit:
      return "setrlimit NOFILE";
    case ChildStep::Exec:
      return "exec";
    case ChildStep::Cgroup:
      return "join cgroup";
  }
  return "spawn";
}

// The signals whose disposition in drover is not SIG_DFL, which the child
// must reset. Read once, at the first spawn. REQUIRES: drover's handlers and
// ignored signals are all set up before it spawns anything (main() and
// Supervisor::start() do so).
const std::vector<int>& signals_to_reset() {
  static const std::vector<int> signals = [] {
    std::vector<int> found;
    for (int signo = 1; signo < NSIG; ++signo) {
      struct sigaction current {};
      if (signo != SIGKILL && signo != SIGSTOP && ::sigaction(signo, nullptr, &current) == 0 &&
          current.sa_handler != SIG_DFL) {
        found.push_back(signo);
      }
    }
    return found;
  }();
  return signals;
}

#if defined(__SANITIZE_ADDRESS__)

// ASan keeps per-thread state that a child sharing our memory would corrupt:
// sanitized builds use a plain fork().
pid_t launch_child(const ChildPlan& child) {
  pid_t pid = ::fork();
  if (pid == 0) {
    run_child(child);
  }
  return pid;
}

#else

constexpr size_t kChildStackSize = 64 * 1024;

int child_entry(void* plan) { run_child(*static_cast<const ChildPlan*>(plan)); }

// clone(CLONE_VM | CLONE_VFORK), as glibc's posix_spawn does: the child
// borrows our address space until it execs, so spawning costs no page-table
// copy and leaves no copy-on-write faults behind in drover (fork() made
// launching 1000 services take about twice as long). We are suspended until
// the child has exec'd or exited, so one stack serves every spawn. Signals
// stay blocked around the clone: a handler of ours must never run in the
// child, which shares our memory; run_child resets them before unblocking.
pid_t launch_child(const ChildPlan& child) {
  static void* stack = ::mmap(nullptr, kChildStackSize, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
  if (stack == MAP_FAILED) {
    return -1;
  }
  sigset_t all;
  sigset_t previous;
  ::sigfillset(&all);
  ::sigprocmask(SIG_SETMASK, &all, &previous);
  char* top = static_cast<char*>(stack) + kChildStackSize;
  pid_t pid =
      ::clone(child_entry, top, CLONE_VM | CLONE_VFORK | SIGCHLD, const_cast<ChildPlan*>(&child));
  int saved = errno;
  ::sigprocmask(SIG_SETMASK, &previous, nullptr);
  errno = saved;
  return pid;
}

#endif

}  // namespace

Result<SpawnPlan> prepare_spawn(const core::ServiceSpec& spec, char* const* environment) {
  if (spec.argv.empty() || spec.argv[0].empty()) {
    return make_error(Errc::SpawnFailed, "empty command");
  }
  SpawnPlan plan;
  plan.argv = spec.argv;
  plan.working_dir = spec.working_dir;
  plan.umask = spec.umask ? static_cast<int>(*spec.umask) : -1;
  plan.ready_fd = spec.ready.kind == core::ReadinessKind::Fd ? spec.ready.fd : -1;
  plan.interactive = spec.interactive;
  plan.limits = limits_for(spec.resources);
  plan.stdin_pipe = spec.event_listener.listener() || spec.stdin_pipe;
  UserEntry user;
  if (!spec.user.empty()) {
    Result<UserEntry> found = lookup_user(spec.user);
    if (!found) {
      return make_error(Errc::SpawnFailed, found.error().message);
    }
    user = *found;
    plan.switch_user = true;
    plan.uid = user.uid;
    plan.gid = user.gid;
  }
  if (!spec.group.empty()) {
    Result<gid_t> gid = lookup_group(spec.group);
    if (!gid) {
      return make_error(Errc::SpawnFailed, gid.error().message);
    }
    plan.switch_user = true;
    plan.gid = *gid;
    if (spec.user.empty()) {
      plan.uid = ::geteuid();
    }
  }
  if (plan.switch_user) {
    plan.groups = spec.user.empty() ? std::vector<gid_t>{plan.gid}
                                    : supplementary_groups(user.name, plan.gid);
  }
  plan.envp = build_env(spec, environment, spec.user.empty() ? nullptr : &user);
  Result<std::string> executable = resolve_executable(spec.argv[0], env_value(plan.envp, "PATH"));
  if (!executable) {
    return executable.error();
  }
  plan.executable = std::move(*executable);
  return plan;
}

core::ExitStatus exit_status_from_wait(int wait_status) {
  if (WIFSIGNALED(wait_status)) {
    return core::ExitStatus{0, WTERMSIG(wait_status)};
  }
  return core::ExitStatus{WEXITSTATUS(wait_status), 0};
}

namespace {

// The readiness pipe for `ready: {fd: target}`. Both the write end and the
// exec status pipe must sit above fd `target`, so that moving the write end
// to it overwrites neither (move_to keeps FD_CLOEXEC when from == to).
Result<void> open_ready_pipe(int target, UniqueFd& status_write, UniqueFd& read_end,
                             UniqueFd& write_end) {
  int ready_pipe[2];
  if (::pipe2(ready_pipe, O_CLOEXEC) < 0) {
    return errno_error(Errc::SpawnFailed, "pipe", errno);
  }
  read_end = UniqueFd(ready_pipe[0]);
  write_end = UniqueFd(::fcntl(ready_pipe[1], F_DUPFD_CLOEXEC, target + 1));
  ::close(ready_pipe[1]);
  if (status_write.get() == target) {
    status_write = UniqueFd(::fcntl(status_write.get(), F_DUPFD_CLOEXEC, target + 1));
  }
  if (!write_end.valid() || !status_write.valid()) {
    return errno_error(Errc::SpawnFailed, "fcntl", errno);
  }
  ::fcntl(read_end.get(), F_SETFL, O_NONBLOCK);
  return {};
}

// The parts of the child's plan that come straight from the SpawnPlan; the
// caller adds the descriptors.
ChildPlan child_plan(const SpawnPlan& plan, char* const* argv, char* const* envp) {
  ChildPlan child;
  child.path = plan.executable.c_str();
  child.argv = argv;
  child.envp = envp;
  child.working_dir = plan.working_dir.empty() ? nullptr : plan.working_dir.c_str();
  child.ready_target = plan.ready_fd;
  child.interactive = plan.interactive;
  child.switch_user = plan.switch_user;
  child.uid = plan.uid;
  child.gid = plan.gid;
  child.groups = plan.groups.data();
  child.group_count = plan.groups.size();
  child.umask = plan.umask;
  child.open_files = plan.open_files ? &*plan.open_files : nullptr;
  child.limits = plan.limits.data();
  child.limit_count = plan.limits.size();
  child.cgroup_procs = plan.cgroup_procs.data();
  child.cgroup_count = plan.cgroup_procs.size();
  child.signals_to_reset = signals_to_reset().data();
  child.signal_count = signals_to_reset().size();
  return child;
}

// A null-terminated array of pointers into `strings`, for execve.
std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const std::string& entry : strings) {
    out.push_back(const_cast<char*>(entry.c_str()));
  }
  out.push_back(nullptr);
  return out;
}

// A close-on-exec pipe into `read_end` and `write_end`; false with errno set.
bool open_pipe(UniqueFd& read_end, UniqueFd& write_end) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) < 0) {
    return false;
  }
  read_end = UniqueFd(fds[0]);
  write_end = UniqueFd(fds[1]);
  return true;
}

}  // namespace

Result<SpawnedChild> spawn_child(const SpawnPlan& plan) {
  UniqueFd status_read, status_write, out_read, out_write, err_read, err_write;
  if (!open_pipe(status_read, status_write) || !open_pipe(out_read, out_write) ||
      !open_pipe(err_read, err_write)) {
    return errno_error(Errc::SpawnFailed, "pipe", errno);
  }
  UniqueFd null_fd(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  UniqueFd in_read;
  UniqueFd in_write;
  if (plan.stdin_pipe && !open_stdin_pipe(in_read, in_write)) {
    return errno_error(Errc::SpawnFailed, "pipe", errno);
  }
  UniqueFd ready_read;
  UniqueFd ready_write;
  if (plan.ready_fd >= 0) {
    if (Result<void> opened = open_ready_pipe(plan.ready_fd, status_write, ready_read, ready_write);
        !opened) {
      return opened.error();
    }
  }

  std::vector<char*> argv = c_strings(plan.argv);
  std::vector<char*> envp = c_strings(plan.envp);

  ChildPlan child = child_plan(plan, argv.data(), envp.data());
  // An interactive child keeps fds 0-2 as drover has them; its (unused)
  // pipes still exist, so the runtime sees them end when exec closes them.
  child.stdin_fd = plan.interactive ? -1 : (plan.stdin_pipe ? in_read.get() : null_fd.get());
  child.stdout_fd = plan.interactive ? -1 : out_write.get();
  child.stderr_fd = plan.interactive ? -1 : err_write.get();
  child.error_fd = status_write.get();
  child.ready_fd = ready_write.get();

  pid_t pid = launch_child(child);
  if (pid < 0) {
    return errno_error(Errc::SpawnFailed, "clone", errno);
  }
  ::fcntl(out_read.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(err_read.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(status_read.get(), F_SETFL, O_NONBLOCK);
  ::fcntl(in_write.get(), F_SETFL, O_NONBLOCK);  // Harmless EBADF without a pipe.
  return SpawnedChild{pid,
                      std::move(status_read),
                      std::move(out_read),
                      std::move(err_read),
                      std::move(ready_read),
                      std::move(in_write)};
}

Result<bool> read_exec_status(int fd, const std::string& executable,
                              const std::string& working_dir) {
  ChildFailure failure{};
  ssize_t n;
  do {
    n = ::read(fd, &failure, sizeof failure);
  } while (n < 0 && errno == EINTR);
  if (n == 0) {
    return true;
  }
  if (n < 0) {
    return false;  // EAGAIN: the child has neither exec'd nor failed yet.
  }
  std::string step = step_name(failure.step);
  if (failure.step == ChildStep::Exec) {
    step += " " + executable;
  } else if (failure.step == ChildStep::Chdir) {
    step += " " + working_dir;
  }
  std::string message = step + ": " + std::strerror(failure.error);
  if (failure.step == ChildStep::Exec && failure.error == ENOEXEC) {
    message += " (not a binary, and a script needs a #! line)";
  }
  Error error = make_error(Errc::SpawnFailed, message);
  error.sys_errno = failure.error;
  return error;
}

}  // namespace drover::runtime
