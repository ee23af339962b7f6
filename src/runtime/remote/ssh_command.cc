#include "runtime/remote/ssh_command.h"

#include <chrono>

namespace drover::runtime::remote {
namespace {

long connect_seconds(const core::SshOptions& ssh) {
  auto timeout = ssh.connect_timeout.value_or(std::chrono::seconds(10));
  long seconds = static_cast<long>(std::chrono::ceil<std::chrono::seconds>(timeout).count());
  return seconds < 1 ? 1 : seconds;
}

// The options every invocation carries, master or not: a session that finds
// no master falls back to its own connection, and must make it the same way.
std::vector<std::string> common_options(const core::RemoteSpec& remote,
                                        const std::string& control_path) {
  const core::SshOptions& ssh = remote.ssh;
  // Unknown keys are refused unless strict checking is off; then only new
  // hosts are accepted, never a changed key.
  bool strict = ssh.strict_host_key_checking.value_or(true);
  std::vector<std::string> argv = {
      "ssh",
      "-o",
      "BatchMode=yes",
      "-o",
      std::string("StrictHostKeyChecking=") + (strict ? "yes" : "accept-new"),
      "-o",
      "ConnectTimeout=" + std::to_string(connect_seconds(ssh)),
      "-o",
      "ControlPath=" + control_path,
  };
  if (!ssh.known_hosts.empty()) {
    argv.insert(argv.end(), {"-o", "UserKnownHostsFile=" + ssh.known_hosts});
  }
  if (!ssh.identity_file.empty()) {
    argv.insert(argv.end(), {"-i", ssh.identity_file, "-o", "IdentitiesOnly=yes"});
  }
  if (remote.port != 0) {
    argv.insert(argv.end(), {"-p", std::to_string(remote.port)});
  }
  if (!remote.user.empty()) {
    argv.insert(argv.end(), {"-l", remote.user});
  }
  return argv;
}

}  // namespace

std::string connection_key(const core::RemoteSpec& remote) {
  const core::SshOptions& ssh = remote.ssh;
  return remote.user + "@" + remote.address + ":" + std::to_string(remote.port) + "|" +
         ssh.identity_file + "|" + ssh.known_hosts + "|" +
         (ssh.strict_host_key_checking.value_or(true) ? "strict" : "accept-new") + "|" +
         std::to_string(connect_seconds(ssh));
}

std::string describe_destination(const core::RemoteSpec& remote) {
  std::string out = remote.user.empty() ? remote.address : remote.user + "@" + remote.address;
  return remote.port == 0 ? out : out + ":" + std::to_string(remote.port);
}

std::vector<std::string> master_argv(const core::RemoteSpec& remote,
                                     const std::string& control_path) {
  std::vector<std::string> argv = common_options(remote, control_path);
  argv.insert(argv.end(), {"-M", "-N", "-o", "ControlMaster=yes", "-o", "ControlPersist=no", "-o",
                           "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", "-o",
                           "PermitLocalCommand=yes", "-o",
                           std::string("LocalCommand=echo ") + kMasterReady, "--", remote.address});
  return argv;
}

std::vector<std::string> session_argv(const core::RemoteSpec& remote,
                                      const std::string& control_path,
                                      const std::string& remote_command) {
  std::vector<std::string> argv = common_options(remote, control_path);
  argv.insert(argv.end(), {"-T", "-o", "ControlMaster=no", "--", remote.address, remote_command});
  return argv;
}

std::vector<std::string> fingerprint_argv(const core::RemoteSpec& remote) {
  // ssh -G resolves an ~/.ssh/config alias to the name and port it stands for.
  std::vector<std::string> argv = {
      "/bin/sh", "-c",
      "set -- $(ssh -G \"$@\" 2>/dev/null | sed -n 's/^hostname //p; s/^port //p'); "
      "ssh-keyscan -T 5 -p \"$2\" \"$1\" 2>/dev/null | ssh-keygen -lf - 2>/dev/null",
      "sh"};
  if (remote.port != 0) {
    argv.insert(argv.end(), {"-p", std::to_string(remote.port)});
  }
  argv.insert(argv.end(), {"--", remote.address});
  return argv;
}

}  // namespace drover::runtime::remote
