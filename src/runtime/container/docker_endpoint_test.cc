#include "runtime/container/docker_endpoint.h"

#include <gtest/gtest.h>

namespace drover::runtime {
namespace {

TEST(DockerEndpointTest, UnsetMeansTheDefaultSocket) {
  Result<DockerEndpoint> endpoint = parse_docker_host("");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->kind, DockerEndpoint::Kind::Unix);
  EXPECT_EQ(endpoint->describe(), "/var/run/docker.sock");
}

TEST(DockerEndpointTest, ReadsAUnixSocketPath) {
  Result<DockerEndpoint> endpoint = parse_docker_host("unix:///tmp/d/docker.sock");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->path, "/tmp/d/docker.sock");
}

TEST(DockerEndpointTest, ReadsTcpWithAndWithoutPort) {
  Result<DockerEndpoint> endpoint = parse_docker_host("tcp://10.0.0.5:2376");
  ASSERT_TRUE(endpoint);
  EXPECT_EQ(endpoint->kind, DockerEndpoint::Kind::Tcp);
  EXPECT_EQ(endpoint->describe(), "10.0.0.5:2376");
  EXPECT_EQ(parse_docker_host("tcp://docker")->describe(), "docker:2375");
}

TEST(DockerEndpointTest, RejectsOtherSchemes) {
  Result<DockerEndpoint> endpoint = parse_docker_host("ssh://me@host");
  ASSERT_FALSE(endpoint);
  EXPECT_EQ(endpoint.error().message,
            "DOCKER_HOST=ssh://me@host is not supported; use unix:///path/to/docker.sock or "
            "tcp://host:port");
  EXPECT_FALSE(parse_docker_host("unix://"));
}

}  // namespace
}  // namespace drover::runtime
