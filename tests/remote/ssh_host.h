#pragma once

#include "harness/drover_instance.h"

#include <string>

namespace drover::remote_test {

// A "remote host" for the remote runtime's tests: a network namespace with a
// veth pair (this side .1, the host .2 in 10.99.N.0/24), the real sshd
// listening on the namespace's address, a generated host key and user key,
// and a known_hosts file. sshd runs in a mount namespace of its own where
// root's login shell is /bin/sh and its home a temp dir, so a session does
// not read this machine's ~/.bashrc. Needs root, `ip`, `unshare` and sshd.
class SshHost {
 public:
  SshHost();
  ~SshHost();
  SshHost(const SshHost&) = delete;
  SshHost& operator=(const SshHost&) = delete;

  // Empty when the host is up; else why it could not be set up.
  const std::string& problem() const { return problem_; }
  const std::string& address() const { return address_; }
  std::string destination() const { return "root@" + address_; }
  std::string identity() const { return dir_ + "/user_key"; }
  std::string known_hosts() const { return dir_ + "/known_hosts"; }
  // A known_hosts file that does not list this host.
  std::string empty_known_hosts() const { return dir_ + "/empty_known_hosts"; }
  // "SHA256:..." of the host's ED25519 key.
  std::string fingerprint() const { return fingerprint_; }

  // Runs `command` on the host with its own connection.
  e2e::CommandResult ssh(const std::string& command) const;
  // Established TCP connections from this side to the host's sshd.
  int connections() const;
  // Kills sshd and every session it serves (each connection drops), or
  // starts it again.
  void kill_sshd();
  bool start_sshd();

 private:
  std::string dir_;
  std::string netns_;
  std::string link_;
  std::string address_;
  std::string fingerprint_;
  std::string problem_;
};

// The one host every test of the binary shares (set up on first use).
SshHost& shared_host();

// In a test: fails when DROVER_REQUIRE_SSH=1 (CI) and the host could not be
// set up, else skips.
#define REQUIRE_SSH_HOST(host)                                     \
  do {                                                             \
    if (!(host).problem().empty()) {                               \
      if (const char* require = std::getenv("DROVER_REQUIRE_SSH"); \
          require != nullptr && std::string(require) == "1") {     \
        FAIL() << "no ssh test host: " << (host).problem();        \
      }                                                            \
      GTEST_SKIP() << "no ssh test host: " << (host).problem();    \
    }                                                              \
  } while (false)

}  // namespace drover::remote_test
