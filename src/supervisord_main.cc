// What supervisord does between reading its config and starting programs,
// in its order (supervisor/options.py, ServerOptions.realize and
// supervisord.py): raise rlimits to minfds/minprocs, drop privileges to
// `user`, daemonize unless nodaemon (fork, the parent exits 0; the child
// chdirs to `directory` when set, points stdio at /dev/null, calls setsid
// and sets `umask`), then write the pidfile.
#include "supervisord_main.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <grp.h>
#include <iostream>
#include <pwd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drover {
namespace {

constexpr int kExitUsage = 2;

Result<void> raise_limit(int resource, uint64_t minimum, const char* option) {
  struct rlimit limit {};
  if (minimum == 0 || ::getrlimit(resource, &limit) != 0 || limit.rlim_cur >= minimum) {
    return {};
  }
  struct rlimit wanted = limit;
  wanted.rlim_cur = minimum;
  wanted.rlim_max = std::max<rlim_t>(limit.rlim_max, minimum);
  if (::setrlimit(resource, &wanted) != 0) {
    return make_error(Errc::Unavailable,
                      std::string("the minimum ") + option + " is " + std::to_string(minimum) +
                          " but the environment only allows " + std::to_string(limit.rlim_max) +
                          "; raise the limit or lower " + option);
  }
  return {};
}

Result<void> drop_privileges(const std::string& user) {
  if (user.empty()) {
    return {};
  }
  struct passwd* entry = ::getpwnam(user.c_str());
  if (entry == nullptr && !user.empty() &&
      user.find_first_not_of("0123456789") == std::string::npos) {
    entry = ::getpwuid(static_cast<uid_t>(std::stoul(user)));
  }
  if (entry == nullptr) {
    return make_error(Errc::InvalidConfig, "Invalid user name " + user);
  }
  if (::getuid() == entry->pw_uid) {
    return {};
  }
  if (::geteuid() != 0) {
    return make_error(Errc::PermissionDenied, "Can't drop privilege as nonroot user");
  }
  if (::initgroups(entry->pw_name, entry->pw_gid) != 0 || ::setgid(entry->pw_gid) != 0 ||
      ::setuid(entry->pw_uid) != 0) {
    return errno_error(Errc::PermissionDenied, "switching to user " + user, errno);
  }
  return {};
}

// Only the child returns.
void daemonize(const core::DaemonSettings& daemon) {
  pid_t pid = ::fork();
  if (pid < 0) {
    std::cerr << "supervisord: fork: " << std::strerror(errno) << "\n";
    ::_exit(1);
  }
  if (pid > 0) {
    ::_exit(0);
  }
  if (!daemon.directory.empty() && ::chdir(daemon.directory.c_str()) != 0) {
    std::cerr << "supervisord: can't chdir into " << daemon.directory << ": "
              << std::strerror(errno) << "\n";
  }
  int null = ::open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    ::dup2(null, 0);
    ::dup2(null, 1);
    ::dup2(null, 2);
    ::close(null);
  }
  ::setsid();
  ::umask(daemon.umask.value_or(022));
}

void write_pidfile(const std::string& path) {
  std::ofstream out(path, std::ios::trunc);
  out << ::getpid() << "\n";
  if (!out) {
    std::cerr << "supervisord: could not write pidfile " << path << "\n";
  }
}

}  // namespace

int run_as_supervisord(const cli::SupervisordInvocation& invocation) {
  Result<std::string> found =
      config::locate_supervisord_config(invocation.config, invocation.argv0);
  if (!found) {
    std::cerr << "Error: " << found.error().message << "\n";
    return kExitUsage;
  }
  // Absolute, so reloads still find it after a daemon's chdir.
  std::string path = std::filesystem::absolute(*found).lexically_normal().string();
  Result<core::Model> model = load_for_up(path, invocation.overrides);
  if (!model) {
    return kExitUsage;
  }
  core::DaemonSettings& daemon = model->settings.daemon;
  if (daemon.pidfile.empty()) {
    daemon.pidfile =
        std::filesystem::absolute("supervisord.pid").string();  // supervisord's default.
  }
  for (Result<void> step :
       {raise_limit(RLIMIT_NOFILE, daemon.minfds, "minfds"),
        raise_limit(RLIMIT_NPROC, daemon.minprocs, "minprocs"), drop_privileges(daemon.user)}) {
    if (!step) {
      std::cerr << "Error: " << step.error().message << "\n";
      return kExitUsage;
    }
  }
  if (!daemon.foreground) {
    daemonize(daemon);
  }
  std::string pidfile = daemon.pidfile;
  write_pidfile(pidfile);
  int code = supervise(path, std::move(*model), invocation.overrides);
  ::unlink(pidfile.c_str());
  return code;
}

}  // namespace drover
