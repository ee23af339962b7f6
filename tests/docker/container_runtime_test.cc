// `runtime: container` end to end (issue 7): drover on the host drives a
// real Docker engine through its API. A container's output reaches its log
// files with stdout and stderr apart, `drover stop` stops it within its
// stop_timeout and its exit code shows, a oneshot container's exit code
// decides its state, a missing image fails clearly, and a leftover container
// of the same name (a drover killed with SIGKILL) is replaced, not fatal.
#include "docker_cli.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <memory>
#include <unistd.h>

namespace drover::docker_test {
namespace {

using std::chrono::seconds;

class ContainerRuntimeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_.build("drover-ct-test-" + std::to_string(::getpid()) + ":busybox", "services: {}\n",
                 "CMD [\"/bin/sh\"]\n");
    docker_ = suite_.docker.get();
    image_ = suite_.image;
  }
  static void TearDownTestSuite() { suite_.remove(); }
  void SetUp() override { suite_.require(); }

  // The container drover names `service`: "<project>-<service>", the
  // project being the config file's directory.
  static std::string container_of(const e2e::DroverInstance& drover, const std::string& service) {
    std::string dir = drover.dir();
    return dir.substr(dir.rfind('/') + 1) + "-" + service;
  }

  // Every container (running or not) with that exact name.
  std::string containers_named(const std::string& name) {
    return docker_->run({"ps", "-a", "-q", "--filter", "name=^/" + name + "$"}).out;
  }

  std::string box_yaml(const std::string& name, const std::string& script,
                       const std::string& extra = "") {
    return "  " + name + ":\n    runtime: container\n    image: " + image_ +
           "\n    network: none\n    command: [sh, -c, '" + script + "']\n" + extra;
  }

  static inline SuiteImage suite_;
  static inline DockerCli* docker_ = nullptr;
  static inline std::string image_;
};

TEST_F(ContainerRuntimeTest, LogsGoToTheSameSinksAndStopGivesTheExitCode) {
  e2e::DroverInstance drover;
  drover.write_config(
      "services:\n" +
          box_yaml("box",
                   "echo hello out; echo hello err >&2; trap \"echo bye; exit 7\" TERM; "
                   "while true; do sleep 1; done",
                   "    stop_timeout: 5s\n    memory: 64MiB\n    cpus: '0.5'\n") +
          "  local:\n    command: sleep 600\n",
      "  log_dir: @DIR@/logs\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("box", "RUNNING", seconds(30))) << drover.cli({"status"}).out;
  EXPECT_TRUE(e2e::wait_until([&] {
    return drover.read_file("logs/box.out.log") == "hello out\n";
  })) << drover.read_file("logs/box.out.log");
  EXPECT_TRUE(e2e::wait_until([&] {
    return drover.read_file("logs/box.err.log") == "hello err\n";
  })) << drover.read_file("logs/box.err.log");
  EXPECT_NE(drover.stdout_text().find("hello out"), std::string::npos);
  EXPECT_NE(containers_named(container_of(drover, "box")), "");
  EXPECT_NE(drover.service("box").at("description").as_string().find("container, uptime"),
            std::string::npos);
  // The limits reach the engine.
  EXPECT_EQ(docker_
                ->run({"inspect", "--format", "{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}",
                       container_of(drover, "box")})
                .out,
            "67108864 500000000\n");

  auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(drover.cli({"stop", "box"}).exit_code, 0);
  ASSERT_TRUE(drover.wait_state("box", "STOPPED", seconds(10)));
  EXPECT_LT(std::chrono::steady_clock::now() - asked, seconds(5));  // TERM was enough.
  boost::json::object box = drover.service("box");
  ASSERT_TRUE(box.at("last_exit").is_object()) << boost::json::serialize(box);
  EXPECT_EQ(box.at("last_exit").as_object().at("code").as_int64(), 7);
  EXPECT_TRUE(
      e2e::wait_until([&] { return drover.read_file("logs/box.out.log") == "hello out\nbye\n"; }));
  EXPECT_TRUE(e2e::wait_until([&] {
    return containers_named(container_of(drover, "box")).empty();
  })) << "the stopped container was not removed";
  EXPECT_EQ(drover.state_of("local"), "RUNNING");
}

TEST_F(ContainerRuntimeTest, AOneshotsExitCodeAndAMissingImageAreReported) {
  e2e::DroverInstance drover;
  drover.write_config("services:\n" +
                      box_yaml("job", "echo job ran; exit 3", "    type: oneshot\n") +
                      "  missing:\n    runtime: container\n    image: drover-no-such-image:1\n"
                      "    pull: never\n    start_retries: 0\n"
                      "  unpullable:\n    runtime: container\n    image: drover-no-such-image:1\n"
                      "    start_retries: 0\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("job", "FATAL", seconds(30)));
  EXPECT_EQ(drover.service("job").at("last_exit").as_object().at("code").as_int64(), 3);
  ASSERT_TRUE(drover.wait_state("missing", "FATAL", seconds(30)));
  EXPECT_NE(std::string(drover.service("missing").at("description").as_string())
                .find("image drover-no-such-image:1 not found locally (pull: never)"),
            std::string::npos)
      << drover.service("missing").at("description");
  ASSERT_TRUE(drover.wait_state("unpullable", "FATAL", seconds(60)));
  EXPECT_NE(std::string(drover.service("unpullable").at("description").as_string())
                .find("image drover-no-such-image:1 not found locally and cannot be pulled: "),
            std::string::npos)
      << drover.service("unpullable").at("description");
}

// The mixed stack of the hybrid decision record: a process that depends on
// a container being healthy, the container's health checked by an exec
// inside it, so the process starts only once the container says so.
TEST_F(ContainerRuntimeTest, AProcessWaitsUntilAnExecProbeInsideTheContainerPasses) {
  e2e::DroverInstance drover;
  drover.write_config(
      "services:\n" +
      box_yaml("db", "sleep 2; touch /tmp/ready; while true; do sleep 1; done",
               "    health: {exec: [sh, -c, \"test -f /tmp/ready\"], interval: 1s}\n") +
      "  app:\n    command: sleep 600\n    depends_on: {db: healthy}\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("db", "RUNNING", seconds(30)));
  EXPECT_NE(drover.state_of("app"), "RUNNING") << "started before db was healthy";
  ASSERT_TRUE(drover.wait_state("app", "RUNNING", seconds(30))) << drover.cli({"status"}).out;
  boost::json::object db = drover.service("db");
  EXPECT_EQ(db.at("health").as_string(), "healthy") << boost::json::serialize(db);
}

// The mixed stack of issue 7: a oneshot process writes a page, a container
// serves it from a volume over HTTP (healthy once it answers, probed from
// drover's side), and a process that depends on it being healthy fetches it.
TEST_F(ContainerRuntimeTest, MixedStackServesWhatAProcessWroteToAProcessThatNeedsIt) {
  e2e::DroverInstance drover;
  std::string port = std::to_string(e2e::free_tcp_port());
  drover.write_config(
      "services:\n"
      "  generate:\n"
      "    type: oneshot\n"
      "    command: /bin/sh -c 'mkdir -p @DIR@/site && echo generated-page > "
      "@DIR@/site/index.html'\n"
      "  web:\n"
      "    runtime: container\n"
      "    image: " +
      image_ +
      "\n"
      "    network: host\n"
      "    volumes: ['@DIR@/site:/site:ro']\n"
      "    command: [/bin/busybox, httpd, -f, -p, '127.0.0.1:" +
      port +
      "', -h, /site]\n"
      "    depends_on: {generate: completed_successfully}\n"
      "    health: {http: 'http://127.0.0.1:" +
      port +
      "/index.html', interval: 300ms}\n"
      "  fetch:\n"
      "    type: oneshot\n"
      "    depends_on: {web: healthy}\n"
      "    command: /bin/sh -c 'curl -fsS http://127.0.0.1:" +
      port + "/index.html > @DIR@/fetched'\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("fetch", "EXITED", seconds(40))) << drover.cli({"status"}).out;
  EXPECT_EQ(drover.read_file("fetched"), "generated-page\n");
  EXPECT_EQ(drover.state_of("web"), "RUNNING");
}

// `drover reload` recreates the container whose configuration changed and
// leaves the other one running as it was.
TEST_F(ContainerRuntimeTest, ReloadRecreatesOnlyTheChangedContainer) {
  e2e::DroverInstance drover;
  auto config = [&](const std::string& second_word) {
    return "services:\n" + box_yaml("same", "while true; do sleep 1; done") +
           box_yaml("changed", "echo " + second_word + "; while true; do sleep 1; done",
                    "    stop_timeout: 1s\n");
  };
  drover.write_config(config("one"));
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("same", "RUNNING", seconds(30)));
  ASSERT_TRUE(drover.wait_state("changed", "RUNNING", seconds(30)));
  std::string same = containers_named(container_of(drover, "same"));
  std::string changed = containers_named(container_of(drover, "changed"));
  drover.write_config(config("two"));
  ASSERT_EQ(drover.cli({"reload"}).exit_code, 0);
  EXPECT_TRUE(e2e::wait_until(
      [&] {
        std::string now = containers_named(container_of(drover, "changed"));
        return !now.empty() && now != changed && drover.state_of("changed") == "RUNNING";
      },
      seconds(30)))
      << drover.cli({"status"}).out;
  EXPECT_EQ(containers_named(container_of(drover, "same")), same);
  EXPECT_EQ(drover.service("same").at("restarts").as_int64(), 0);
}

// A drover killed with SIGKILL leaves its container running. The next one
// adopts it when it runs from the same configuration (same container, its
// output followed again), and replaces it when the configuration changed;
// the container of a service deleted from the configuration is removed.
TEST_F(ContainerRuntimeTest, AContainerLeftByAKilledDroverIsAdoptedOrReplaced) {
  e2e::DroverInstance drover;
  auto config = [&](const std::string& greeting) {
    return "services:\n" +
           box_yaml("box",
                    "i=0; while true; do i=$((i+1)); echo " + greeting + "-$i; sleep 0.2; done") +
           (greeting == "tick" ? box_yaml("gone", "while true; do sleep 1; done") : "");
  };
  drover.write_config(config("tick"));
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("box", "RUNNING", seconds(30)));
  ASSERT_TRUE(drover.wait_state("gone", "RUNNING", seconds(30)));
  std::string first = containers_named(container_of(drover, "box"));
  ASSERT_NE(first, "");
  drover.send_signal(SIGKILL);
  drover.wait_exit();
  EXPECT_EQ(containers_named(container_of(drover, "box")), first) << "left running";

  ASSERT_TRUE(drover.start());  // The same configuration: adopted.
  ASSERT_TRUE(drover.wait_state("box", "RUNNING", seconds(30))) << drover.cli({"status"}).out;
  EXPECT_EQ(containers_named(container_of(drover, "box")), first);
  EXPECT_TRUE(e2e::wait_until([&] {
    return drover.stdout_text().find("tick-") != std::string::npos;
  })) << "the adopted container's output is followed";
  drover.send_signal(SIGKILL);
  drover.wait_exit();

  // Changed: replaced; and a container whose service was deleted from the
  // configuration (left running by the killed drover) is removed.
  drover.write_config(config("tock"));
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("box", "RUNNING", seconds(30))) << drover.cli({"status"}).out;
  std::string second = containers_named(container_of(drover, "box"));
  EXPECT_NE(second, "");
  EXPECT_NE(second, first);
  EXPECT_TRUE(e2e::wait_until([&] {
    return containers_named(container_of(drover, "gone")).empty();
  })) << "the container of a deleted service is left";
  EXPECT_EQ(drover.cli({"stop", "box"}).exit_code, 0);
  EXPECT_TRUE(drover.wait_state("box", "STOPPED", seconds(20)));
  EXPECT_TRUE(
      e2e::wait_until([&] { return containers_named(container_of(drover, "box")).empty(); }));
}

}  // namespace
}  // namespace drover::docker_test
