// The supervisord peer and supervisorctl helpers for the drop-in tests.
#include "harness/supervisord_instance.h"

#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace drover::e2e {
namespace {

constexpr const char* kSupervisord = "/usr/bin/supervisord";
constexpr const char* kSupervisorctl = "/usr/bin/supervisorctl";

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string get_version_call() {
  return "<?xml version='1.0'?><methodCall><methodName>supervisor.getVersion</methodName>"
         "<params></params></methodCall>";
}

// Reads what the pty has until `marker` appears after `from`, or a deadline.
bool read_until(int fd, std::string& out, size_t from, const std::string& marker) {
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (out.find(marker, from) == std::string::npos) {
    if (std::chrono::steady_clock::now() > until) {
      return false;
    }
    pollfd ready{fd, POLLIN, 0};
    if (::poll(&ready, 1, 100) <= 0) {
      continue;
    }
    char buffer[4096];
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got <= 0) {
      return false;
    }
    out.append(buffer, static_cast<size_t>(got));
  }
  return true;
}

}  // namespace

SupervisordInstance::SupervisordInstance() {
  char name[] = "/tmp/sv-XXXXXX";
  dir_ = ::mkdtemp(name);
  ::chmod(dir_.c_str(), 0755);
  ::mkdir((dir_ + "/logs").c_str(), 0755);
  socket_ = dir_ + "/ctl.sock";
}

SupervisordInstance::~SupervisordInstance() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    if (wait_exit(std::chrono::seconds(15)) == -1) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }
}

void SupervisordInstance::write_config(const std::string& programs) {
  std::string text =
      "[unix_http_server]\nfile=@DIR@/ctl.sock\n\n"
      "[supervisord]\nlogfile=@DIR@/supervisord.log\npidfile=@DIR@/supervisord.pid\n"
      "nodaemon=true\nchildlogdir=@DIR@/logs\n\n"
      "[rpcinterface:supervisor]\n"
      "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface"
      "\n\n" +
      programs;
  replace_all(text, "@DIR@", dir_);
  std::ofstream(config_path()) << text;
}

bool SupervisordInstance::start() {
  pid_ = ::fork();
  if (pid_ == 0) {
    int log = ::open((dir_ + "/supervisord.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(log, 1);
    ::dup2(log, 2);
    ::setpgid(0, 0);
    ::execl(kSupervisord, kSupervisord, "-n", "-c", config_path().c_str(), nullptr);
    ::_exit(127);
  }
  return wait_until(
      [&] { return http_unix(socket_, "POST", "/RPC2", get_version_call()).status == 200; },
      std::chrono::seconds(20));
}

int SupervisordInstance::wait_exit(std::chrono::milliseconds deadline) {
  bool exited = wait_until(
      [&] {
        int status = 0;
        if (pid_ > 0 && ::waitpid(pid_, &status, WNOHANG) == pid_) {
          pid_ = -1;
        }
        return pid_ <= 0;
      },
      deadline);
  return exited ? 0 : -1;
}

CommandResult supervisorctl(const std::string& socket, const std::vector<std::string>& args,
                            std::chrono::milliseconds deadline) {
  std::vector<std::string> argv = {kSupervisorctl, "-s", "unix://" + socket};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_command(argv, deadline, {"PYTHONUNBUFFERED=1"});
}

std::string supervisorctl_interactive(const std::string& socket,
                                      const std::vector<std::string>& lines) {
  int master = -1;
  std::string url = "unix://" + socket;
  pid_t pid = ::forkpty(&master, nullptr, nullptr, nullptr);
  if (pid == 0) {
    ::execl(kSupervisorctl, kSupervisorctl, "-s", url.c_str(), "-i", nullptr);
    ::_exit(127);
  }
  std::string out;
  const std::string prompt = "supervisor> ";
  size_t from = 0;
  for (const std::string& line : lines) {
    if (!read_until(master, out, from, prompt)) {
      break;
    }
    from = out.size();
    std::string typed = line + "\n";
    ssize_t ignored = ::write(master, typed.data(), typed.size());
    (void)ignored;
  }
  read_until(master, out, from, prompt);
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  ::close(master);
  return out;
}

}  // namespace drover::e2e
