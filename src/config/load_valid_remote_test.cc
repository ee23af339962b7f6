// Valid remote configs (issue #8): destinations, hosts: and the layering of
// ssh options (service over host over settings.ssh).
#include "config/config_test_util.h"
#include "config/service_remote.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

TEST(RemoteConfigTest, DestinationForms) {
  auto d = parse_destination("deploy@10.0.0.2:2222");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->user, "deploy");
  EXPECT_EQ(d->address, "10.0.0.2");
  EXPECT_EQ(d->port, 2222);
  d = parse_destination("build-box");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->user, "");
  EXPECT_EQ(d->address, "build-box");
  EXPECT_EQ(d->port, 0);
  d = parse_destination("[fd00::2]:22");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->address, "fd00::2");
  EXPECT_EQ(d->port, 22);
  d = parse_destination("fd00::2");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->address, "fd00::2");
  EXPECT_EQ(d->port, 0);
  for (const char* bad : {"", "@h", "u@", "h:", "h:0", "h:x", "[fd00::2", "[::1]x", "-h", "a/b"}) {
    EXPECT_FALSE(parse_destination(bad)) << bad;
  }
}

TEST(RemoteConfigTest, HostsAndSshOptionsLayer) {
  LoadResult result = test::load(R"(settings:
  ssh:
    identity_file: keys/id
    known_hosts: /etc/drover/known_hosts
    connect_timeout: 5s
hosts:
  box:
    address: deploy@10.99.0.2:2222
    strict_host_key_checking: false
services:
  api:
    runtime: remote
    host: box
    command: ./api --port 80
    working_dir: /srv/api
    env: {MODE: prod}
    ssh: {connect_timeout: 2s}
    on_disconnect: restart
  job:
    runtime: remote
    host: root@other
    type: oneshot
    command: [migrate]
)");
  ASSERT_TRUE(result.model) << test::error_lines(result)[0];
  const core::ServiceSpec& api = result.model->services[0];
  EXPECT_EQ(api.runtime, core::RuntimeKind::Remote);
  EXPECT_EQ(api.argv, (std::vector<std::string>{"./api", "--port", "80"}));
  EXPECT_EQ(api.remote.host_name, "box");
  EXPECT_EQ(api.remote.address, "10.99.0.2");
  EXPECT_EQ(api.remote.user, "deploy");
  EXPECT_EQ(api.remote.port, 2222);
  EXPECT_EQ(api.remote.ssh.identity_file, "keys/id");  // Relative to the config's directory.
  EXPECT_EQ(api.remote.ssh.known_hosts, "/etc/drover/known_hosts");
  EXPECT_EQ(api.remote.ssh.strict_host_key_checking, false);
  EXPECT_EQ(api.remote.ssh.connect_timeout, std::chrono::seconds(2));
  EXPECT_EQ(api.remote.on_disconnect, core::OnDisconnect::Restart);
  const core::ServiceSpec& job = result.model->services[1];
  EXPECT_EQ(job.remote.address, "other");
  EXPECT_EQ(job.remote.user, "root");
  EXPECT_EQ(job.remote.ssh.connect_timeout, std::chrono::seconds(5));
  EXPECT_FALSE(job.remote.ssh.strict_host_key_checking.has_value());
  EXPECT_EQ(job.remote.on_disconnect, core::OnDisconnect::Adopt);
}

}  // namespace
}  // namespace drover::config
