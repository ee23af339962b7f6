// runtime: container without a Docker engine (issue #7): the container
// service fails to start with a message naming the socket and goes FATAL,
// while process services run on. Needs no Docker, so it runs everywhere.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <cstdlib>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

TEST(ContainerUnreachableTest, MissingSocketMakesTheContainerFatalAndProcessesRunOn) {
  ::unsetenv("DOCKER_HOST");  // The test's own socket, whatever the caller exported.
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    runtime: container
    image: drover-test/none
    start_retries: 1
    start_period: 0
  worker:
    command: @TESTSVC@ --say still-here
    start_period: 0
)");
  std::string socket = drover.path("no-docker.sock");
  ASSERT_TRUE(drover.start({"DOCKER_HOST=unix://" + socket}));
  ASSERT_TRUE(drover.wait_state("web", "FATAL", seconds(20)));
  std::string description(drover.service("web").at("description").as_string());
  EXPECT_NE(description.find("cannot reach Docker at " + socket + ": No such file or directory"),
            std::string::npos)
      << description;
  EXPECT_EQ(drover.state_of("worker"), "RUNNING");
  EXPECT_TRUE(wait_until([&] {
    return drover.stdout_text().find("worker | still-here") != std::string::npos;
  })) << drover.stdout_text();
}

// Dependencies span runtimes: a process that needs the container is held
// back, never started, when the container cannot start.
TEST(ContainerUnreachableTest, AProcessWaitsForTheContainerItDependsOn) {
  ::unsetenv("DOCKER_HOST");
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    runtime: container
    image: drover-test/none
    start_retries: 0
  app:
    command: @TESTSVC@
    depends_on: [db]
)");
  ASSERT_TRUE(drover.start({"DOCKER_HOST=unix://" + drover.path("no-docker.sock")}));
  ASSERT_TRUE(drover.wait_state("db", "FATAL", seconds(20)));
  EXPECT_EQ(drover.state_of("app"), "STOPPED");
  std::string description(drover.service("app").at("description").as_string());
  EXPECT_NE(description.find("dependency db failed (FATAL)"), std::string::npos) << description;
}

TEST(ContainerUnreachableTest, UnsupportedDockerHostIsExplained) {
  ::unsetenv("DOCKER_HOST");
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    runtime: container
    image: drover-test/none
    start_retries: 0
)");
  ASSERT_TRUE(drover.start({"DOCKER_HOST=ssh://me@example"}));
  ASSERT_TRUE(drover.wait_state("web", "FATAL", seconds(20)));
  std::string description(drover.service("web").at("description").as_string());
  EXPECT_NE(description.find("DOCKER_HOST=ssh://me@example is not supported"), std::string::npos)
      << description;
}

}  // namespace
}  // namespace drover::e2e
