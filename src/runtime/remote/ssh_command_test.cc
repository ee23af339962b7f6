#include "runtime/remote/ssh_command.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace drover::runtime::remote {
namespace {

core::RemoteSpec box() {
  core::RemoteSpec remote;
  remote.address = "10.99.0.2";
  remote.user = "deploy";
  remote.port = 2222;
  remote.ssh.identity_file = "/keys/id";
  remote.ssh.known_hosts = "/keys/known";
  return remote;
}

bool has_option(const std::vector<std::string>& argv, const std::string& option) {
  for (size_t i = 0; i + 1 < argv.size(); ++i) {
    if (argv[i] == "-o" && argv[i + 1] == option) {
      return true;
    }
  }
  return false;
}

TEST(SshCommandTest, MasterIsStrictBatchAndKeptAlive) {
  std::vector<std::string> argv = master_argv(box(), "/tmp/c/m0");
  EXPECT_EQ(argv.front(), "ssh");
  EXPECT_EQ(argv.back(), "10.99.0.2");
  EXPECT_EQ(argv[argv.size() - 2], "--");
  for (const char* option :
       {"BatchMode=yes", "StrictHostKeyChecking=yes", "ConnectTimeout=10", "ControlPath=/tmp/c/m0",
        "UserKnownHostsFile=/keys/known", "IdentitiesOnly=yes", "ControlMaster=yes",
        "ControlPersist=no", "ServerAliveInterval=5", "LocalCommand=echo drover-ssh-ready"}) {
    EXPECT_TRUE(has_option(argv, option)) << option;
  }
  EXPECT_NE(std::find(argv.begin(), argv.end(), "-N"), argv.end());
  auto port = std::find(argv.begin(), argv.end(), "-p");
  ASSERT_NE(port, argv.end());
  EXPECT_EQ(*(port + 1), "2222");
  auto user = std::find(argv.begin(), argv.end(), "-l");
  ASSERT_NE(user, argv.end());
  EXPECT_EQ(*(user + 1), "deploy");
}

TEST(SshCommandTest, SessionPassesOneCommandAfterTheDestination) {
  std::vector<std::string> argv = session_argv(box(), "/tmp/c/m0", "exec /bin/sh -c 'x'");
  ASSERT_GE(argv.size(), 3u);
  EXPECT_EQ(argv[argv.size() - 3], "--");
  EXPECT_EQ(argv[argv.size() - 2], "10.99.0.2");
  EXPECT_EQ(argv.back(), "exec /bin/sh -c 'x'");
  EXPECT_TRUE(has_option(argv, "ControlMaster=no"));
  EXPECT_TRUE(has_option(argv, "ControlPath=/tmp/c/m0"));
}

TEST(SshCommandTest, NonStrictAcceptsOnlyNewHosts) {
  core::RemoteSpec remote = box();
  remote.ssh.strict_host_key_checking = false;
  remote.ssh.connect_timeout = std::chrono::milliseconds(1500);
  std::vector<std::string> argv = session_argv(remote, "/c", "true");
  EXPECT_TRUE(has_option(argv, "StrictHostKeyChecking=accept-new"));
  EXPECT_TRUE(has_option(argv, "ConnectTimeout=2"));
}

TEST(SshCommandTest, ConnectionKeySeparatesWhatChangesTheConnection) {
  core::RemoteSpec a = box();
  core::RemoteSpec b = box();
  EXPECT_EQ(connection_key(a), connection_key(b));
  b.on_disconnect = core::OnDisconnect::Restart;  // Not a connection property.
  EXPECT_EQ(connection_key(a), connection_key(b));
  b.user = "root";
  EXPECT_NE(connection_key(a), connection_key(b));
  b = box();
  b.ssh.identity_file = "/keys/other";
  EXPECT_NE(connection_key(a), connection_key(b));
  EXPECT_EQ(describe_destination(a), "deploy@10.99.0.2:2222");
  a.user.clear();
  a.port = 0;
  EXPECT_EQ(describe_destination(a), "10.99.0.2");
}

}  // namespace
}  // namespace drover::runtime::remote
