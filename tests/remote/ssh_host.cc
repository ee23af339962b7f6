#include "ssh_host.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace drover::remote_test {
namespace {

e2e::CommandResult sh(const std::string& script) {
  return e2e::run_command({"/bin/sh", "-c", script}, std::chrono::seconds(30));
}

// $1 dir, $2 netns, $3 veth name stem, $4 the /24's first three octets.
constexpr const char* kSetup = R"sh(set -e
cd "$1"
[ "$(id -u)" = 0 ] || { echo 'not root'; exit 1; }
for p in ip unshare ssh ssh-keygen /usr/sbin/sshd; do
  command -v $p >/dev/null || { echo "$p not installed"; exit 1; }
done
ip netns add "$2"
ip link add "$3a" type veth peer name "$3b"
ip link set "$3b" netns "$2"
ip addr add "$4.1/24" dev "$3a"
ip link set "$3a" up
ip netns exec "$2" ip addr add "$4.2/24" dev "$3b"
ip netns exec "$2" ip link set "$3b" up
ip netns exec "$2" ip link set lo up
ssh-keygen -q -t ed25519 -N '' -f host_key
ssh-keygen -q -t ed25519 -N '' -f user_key
cp user_key.pub authorized_keys
mkdir -p home /run/sshd
echo "$4.2 $(cut -d' ' -f1,2 host_key.pub)" > known_hosts
: > empty_known_hosts
sed "s#^root:.*#root:x:0:0:root:$1/home:/bin/sh#" /etc/passwd > passwd
printf '%s\n' "ListenAddress $4.2" "HostKey $1/host_key" "PidFile $1/sshd.pid" \
  "AuthorizedKeysFile $1/authorized_keys" 'PasswordAuthentication no' \
  'KbdInteractiveAuthentication no' 'UsePAM no' 'StrictModes no' \
  'PermitRootLogin prohibit-password' 'MaxStartups 100' 'MaxSessions 100' > sshd_config
ssh-keygen -lf host_key.pub | cut -d' ' -f2 > fingerprint
)sh";

}  // namespace

SshHost::SshHost() {
  char templ[] = "/tmp/drover-sshd.XXXXXX";
  if (::mkdtemp(templ) == nullptr) {
    problem_ = "mkdtemp failed";
    return;
  }
  dir_ = templ;
  std::string prefix = "10.99." + std::to_string(::getpid() % 200 + 20);
  netns_ = "drover-t" + std::to_string(::getpid());
  link_ = "drv" + std::to_string(::getpid());
  address_ = prefix + ".2";
  e2e::CommandResult setup = e2e::run_command(
      {"/bin/sh", "-c", kSetup, "sh", dir_, netns_, link_, prefix}, std::chrono::seconds(30));
  if (setup.exit_code != 0) {
    problem_ = "setting up the host failed: " + setup.out + setup.err;
    return;
  }
  std::ifstream(dir_ + "/fingerprint") >> fingerprint_;
  if (!start_sshd()) {
    problem_ = "sshd did not start: " + sh("cat " + dir_ + "/sshd.log").out;
  }
}

SshHost::~SshHost() {
  if (dir_.empty()) {
    return;
  }
  kill_sshd();
  sh("ip netns del " + netns_ + " 2>/dev/null; ip link del " + link_ + "a 2>/dev/null; true");
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

bool SshHost::start_sshd() {
  e2e::CommandResult started = sh("ip netns exec " + netns_ + " unshare -m sh -c 'mount --bind " +
                                  dir_ + "/passwd /etc/passwd && exec /usr/sbin/sshd -f " + dir_ +
                                  "/sshd_config -E " + dir_ + "/sshd.log'");
  if (started.exit_code != 0) {
    return false;
  }
  for (int i = 0; i < 100; ++i) {
    if (ssh("true").exit_code == 0) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void SshHost::kill_sshd() {
  // The listener, then every per-connection sshd it forked: their sessions'
  // channels close, so each client sees its connection drop.
  sh("p=$(cat " + dir_ +
     "/sshd.pid 2>/dev/null) && [ -n \"$p\" ] && "
     "{ kids=$(pgrep -P \"$p\"); kill -9 \"$p\" $kids; for k in $kids; do pkill -9 -P \"$k\"; "
     "done; }; rm -f " +
     dir_ + "/sshd.pid; true");
}

e2e::CommandResult SshHost::ssh(const std::string& command) const {
  return e2e::run_command({"/usr/bin/ssh", "-o", "BatchMode=yes", "-o", "ControlPath=none", "-o",
                           "UserKnownHostsFile=" + known_hosts(), "-o", "StrictHostKeyChecking=yes",
                           "-i", identity(), "-o", "ConnectTimeout=5", destination(), command},
                          std::chrono::seconds(20));
}

int SshHost::connections() const {
  e2e::CommandResult ss = sh("ss -Htn state established dst " + address_ + ":22 | wc -l");
  return std::atoi(ss.out.c_str());
}

SshHost& shared_host() {
  static SshHost host;
  return host;
}

}  // namespace drover::remote_test
