// Valid `runtime: container` services read into ContainerSpec (issue #7).
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

core::ServiceSpec only_service(const LoadResult& result) {
  EXPECT_TRUE(result.errors.empty()) << test::error_lines(result).front();
  return result.model ? result.model->services.at(0) : core::ServiceSpec{};
}

TEST(LoadContainerTest, ReadsEveryContainerKey) {
  LoadResult result = load_text(R"(services:
  web:
    runtime: container
    image: nginx:1.25
    command: nginx -g 'daemon off;'
    entrypoint: [/docker-entrypoint.sh]
    env: {MODE: prod}
    volumes: [./site:/usr/share/nginx/html:ro, cache:/var/cache/nginx, /abs:/abs:rw]
    ports: ['8080:80', '127.0.0.1:8443:443/tcp', '53:53/udp']
    network: backend
    user: '101'
    working_dir: /srv
    labels: {team: web}
    hostname: web1
    pull: never
    stop_signal: SIGQUIT
    stop_timeout: 20s
    memory: 256MiB
    cpus: 1.5
)",
                                "/etc/app/drover.yaml", {});
  core::ServiceSpec spec = only_service(result);
  EXPECT_EQ(spec.runtime, core::RuntimeKind::Container);
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"nginx", "-g", "daemon off;"}));
  const core::ContainerSpec& c = spec.container;
  EXPECT_EQ(c.image, "nginx:1.25");
  EXPECT_EQ(c.entrypoint, std::vector<std::string>{"/docker-entrypoint.sh"});
  ASSERT_EQ(c.volumes.size(), 3u);
  EXPECT_EQ(c.volumes[0],
            (core::VolumeMount{"/etc/app/site", "/usr/share/nginx/html", true, false}));
  EXPECT_EQ(c.volumes[1], (core::VolumeMount{"cache", "/var/cache/nginx", false, true}));
  EXPECT_EQ(c.volumes[2], (core::VolumeMount{"/abs", "/abs", false, false}));
  ASSERT_EQ(c.ports.size(), 3u);
  EXPECT_EQ(c.ports[0], (core::PortMapping{"", 8080, 80, "tcp"}));
  EXPECT_EQ(c.ports[1], (core::PortMapping{"127.0.0.1", 8443, 443, "tcp"}));
  EXPECT_EQ(c.ports[2], (core::PortMapping{"", 53, 53, "udp"}));
  EXPECT_EQ(c.network, "backend");
  EXPECT_EQ(c.hostname, "web1");
  EXPECT_EQ(c.labels, (std::vector<std::pair<std::string, std::string>>{{"team", "web"}}));
  EXPECT_EQ(c.pull, core::PullPolicy::Never);
  EXPECT_EQ(c.memory_bytes, 256u * 1024 * 1024);
  EXPECT_EQ(c.nano_cpus, 1'500'000'000);
  EXPECT_EQ(spec.user, "101");
  EXPECT_EQ(spec.working_dir, "/srv");
  EXPECT_EQ(spec.stop_timeout, std::chrono::seconds(20));
}

TEST(LoadContainerTest, WithoutCommandTheImageDecidesAndPullDefaultsToMissing) {
  core::ServiceSpec spec =
      only_service(test::load("services:\n  db:\n    runtime: container\n    image: postgres\n"));
  EXPECT_TRUE(spec.argv.empty());
  EXPECT_FALSE(spec.container.entrypoint.has_value());
  EXPECT_EQ(spec.container.pull, core::PullPolicy::Missing);
  EXPECT_EQ(spec.container.nano_cpus, 0);
}

TEST(LoadContainerTest, ArgsAreTheCmdOverrideToo) {
  core::ServiceSpec spec = only_service(test::load(
      "services:\n  db:\n    runtime: container\n    image: x\n    args: [--port, '5']\n"));
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"--port", "5"}));
}

TEST(LoadContainerTest, ExplicitProcessRuntimeIsTheDefault) {
  core::ServiceSpec spec =
      only_service(test::load("services:\n  a:\n    runtime: process\n    command: x\n"));
  EXPECT_EQ(spec.runtime, core::RuntimeKind::Process);
}

}  // namespace
}  // namespace drover::config
