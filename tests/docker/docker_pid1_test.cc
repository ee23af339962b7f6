// drover as PID 1 in a real container (issue 3, point 5). The image is built
// FROM scratch with nothing but the static release drover, busybox-static
// and the static testsvc, so it also proves the binary needs no libc or NSS.
// The checks: services come up in dependency order, a double-forked orphan
// is reaped (no zombie), `docker stop` is graceful and quick with every
// longrun receiving SIGTERM in reverse dependency order, and the container's
// exit code is 0 after a stop and non-zero when a required oneshot fails.
//
// Without a reachable Docker engine the tests skip with a loud message;
// with DROVER_REQUIRE_DOCKER=1 (set by tools/test) they fail instead.
#include "docker_cli.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <unistd.h>

namespace drover::docker_test {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::seconds;

constexpr const char* kStackYaml = R"(settings:
  control: /run/drover.sock
  shutdown_timeout: 8s
services:
  init:
    type: oneshot
    command: /testsvc --say init-done --exit 0
  api:
    command: /testsvc --role api --log-signals /log/signals --exit-on-term 0
    start_period: 0
    depends_on:
      init: completed_successfully
  worker:
    command: /testsvc --role worker --log-signals /log/signals --orphan 300 --touch /log/forked --exit-on-term 0
    start_period: 0
    depends_on: [api]
)";

constexpr const char* kFailingYaml = R"(settings:
  control: /run/drover.sock
services:
  migrate:
    type: oneshot
    required: true
    command: '/testsvc --say "migration failed: schema locked" --exit 3'
  web:
    command: /testsvc --touch /log/web-started
    depends_on:
      migrate: completed_successfully
)";

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) {
    text.pop_back();
  }
  return text;
}

class DockerPid1Test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    docker_ = std::make_unique<DockerCli>();
    problem_ = docker_->engine_problem();
    if (!problem_.empty()) {
      return;
    }
    std::string tag = "drover-pid1-test-" + std::to_string(::getpid());
    stack_image_ = build(tag + ":stack", kStackYaml);
    failing_image_ = build(tag + ":failing", kFailingYaml);
  }

  static void TearDownTestSuite() {
    if (problem_.empty()) {
      docker_->run({"rmi", "-f", stack_image_, failing_image_});
    }
    docker_.reset();
  }

  // Builds an image whose /drover.yaml is `yaml`; records a problem on failure.
  static std::string build(const std::string& tag, const std::string& yaml) {
    ImageContext context(static_drover_binary(), e2e::testsvc_binary(), "/bin/busybox", yaml);
    if (!context.problem().empty()) {
      build_problem_ = context.problem() + "(run `tools/build release` first)";
      return tag;
    }
    e2e::CommandResult built = docker_->run({"build", "-q", "-t", tag, context.dir()});
    if (built.exit_code != 0) {
      build_problem_ += "docker build " + tag + " failed: " + built.err + " ";
    }
    return tag;
  }

  void SetUp() override {
    if (!problem_.empty()) {
      std::string message =
          "\n\n**************** DOCKER PID-1 TEST NOT RUN ****************\n"
          "No Docker engine: " +
          problem_ +
          "\ntools/test starts dockerd itself; run it, or start dockerd.\n"
          "***********************************************************\n";
      const char* required = std::getenv("DROVER_REQUIRE_DOCKER");
      if (required != nullptr && std::string(required) == "1") {
        FAIL() << message;
      }
      std::cerr << message;
      GTEST_SKIP() << message;
    }
    ASSERT_TRUE(build_problem_.empty()) << build_problem_;
  }

  void TearDown() override {
    if (container_.empty()) {
      return;
    }
    if (HasFailure()) {
      e2e::CommandResult logs = docker_->run({"logs", container_});
      std::cerr << "---- docker logs " << container_ << " ----\n"
                << logs.out << logs.err << "----\n";
    }
    docker_->run({"rm", "-f", container_});
  }

  // `docker run -d` on a loopback-only network; returns the container id.
  std::string run_detached(const std::string& image) {
    e2e::CommandResult started = docker_->run({"run", "-d", "--network", "none", image});
    EXPECT_EQ(started.exit_code, 0) << started.err;
    container_ = trim(started.out);
    return container_;
  }

  e2e::CommandResult exec(const std::vector<std::string>& command) {
    std::vector<std::string> args{"exec", container_};
    args.insert(args.end(), command.begin(), command.end());
    return docker_->run(args, seconds(30));
  }

  // The state of every service, from `drover status --json` inside the container.
  std::map<std::string, std::string> states() {
    e2e::CommandResult status = exec({"/drover", "-s", "/run/drover.sock", "status", "--json"});
    std::map<std::string, std::string> result;
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(status.out, ec);
    if (ec) {
      return result;
    }
    const boost::json::array* services = value.if_array();
    if (value.is_object() && value.as_object().contains("services")) {
      services = value.as_object().at("services").if_array();
    }
    for (const boost::json::value& entry : services ? *services : boost::json::array()) {
      const boost::json::object& object = entry.as_object();
      result[std::string(object.at("name").as_string())] =
          std::string(object.at("state").as_string());
    }
    return result;
  }

  std::vector<ProcessEntry> processes() {
    return parse_proc_stats(exec({"/bin/sh", "-c", "cat /proc/[0-9]*/stat"}).out);
  }

  std::string inspect(const std::string& format) {
    return trim(docker_->run({"inspect", "-f", format, container_}).out);
  }

  // A file from the (possibly stopped) container, via `docker cp`.
  std::string copy_out(const std::string& path) {
    char name[] = "/tmp/dv-cp-XXXXXX";
    std::string dir = ::mkdtemp(name);
    e2e::CommandResult copied = docker_->run({"cp", container_ + ":" + path, dir + "/file"});
    std::string text =
        copied.exit_code == 0 ? e2e::run_command({"/bin/cat", dir + "/file"}).out : "";
    e2e::run_command({"/bin/rm", "-rf", dir});
    return text;
  }

  static inline std::unique_ptr<DockerCli> docker_;
  static inline std::string problem_;
  static inline std::string build_problem_;
  static inline std::string stack_image_;
  static inline std::string failing_image_;
  std::string container_;
};

TEST_F(DockerPid1Test, StopIsGracefulQuickAndReapsOrphans) {
  run_detached(stack_image_);
  ASSERT_FALSE(container_.empty());
  ASSERT_TRUE(e2e::wait_until(
      [&] {
        auto now = states();
        return now["init"] == "EXITED" && now["api"] == "RUNNING" && now["worker"] == "RUNNING";
      },
      seconds(30)))
      << "services did not reach EXITED/RUNNING/RUNNING";

  // The worker double-forked a grandchild that lives 300 ms; once it is gone
  // only drover and the two longruns remain, and nothing is a zombie.
  ASSERT_TRUE(e2e::wait_until([&] {
    return exec({"/bin/cat", "/log/forked"}).exit_code == 0;
  })) << "the worker did not fork its orphan";
  bool settled = e2e::wait_until(
      [&] {
        int testsvcs = 0;
        for (const ProcessEntry& entry : processes()) {
          if (entry.state == 'Z') {
            return false;
          }
          testsvcs += entry.command == "testsvc" ? 1 : 0;
        }
        return testsvcs == 2;
      },
      seconds(10));
  std::string listing;
  for (const ProcessEntry& entry : processes()) {
    listing += std::to_string(entry.pid) + " " + entry.command + " " + entry.state + " ppid " +
               std::to_string(entry.ppid) + "\n";
    if (entry.pid == 1) {
      EXPECT_EQ(entry.command, "drover");
    }
  }
  ASSERT_TRUE(settled) << "a zombie or the orphan is left:\n" << listing;

  auto before = Clock::now();
  e2e::CommandResult stopped = docker_->run({"stop", "-t", "10", container_});
  double took = std::chrono::duration<double>(Clock::now() - before).count();
  ASSERT_EQ(stopped.exit_code, 0) << stopped.err;
  EXPECT_LT(took, 5.0) << "docker stop took " << took << " s (the grace period is 10 s)";
  std::cout << "docker stop took " << took << " s\n";

  EXPECT_EQ(inspect("{{.State.ExitCode}}"), "0");
  std::string signals = copy_out("/log/signals");
  size_t worker = signals.find("worker:TERM");
  size_t api = signals.find("api:TERM");
  EXPECT_NE(worker, std::string::npos) << signals;
  EXPECT_NE(api, std::string::npos) << signals;
  EXPECT_LT(worker, api) << "stop order is not reverse dependency order:\n" << signals;
}

TEST_F(DockerPid1Test, FailedRequiredOneshotFailsTheContainer) {
  run_detached(failing_image_);
  ASSERT_FALSE(container_.empty());
  e2e::CommandResult waited = docker_->run({"wait", container_}, seconds(60));
  ASSERT_EQ(waited.exit_code, 0) << "docker wait: " << waited.err;
  // 1: a required service failed (docs/cli/up.md); 2 would be a config error.
  EXPECT_EQ(trim(waited.out), "1") << "exit code of the container; `migrate` failed";

  e2e::CommandResult logs = docker_->run({"logs", container_});
  std::string text = logs.out + logs.err;
  EXPECT_NE(text.find("migrate"), std::string::npos) << text;
  EXPECT_NE(text.find("schema locked"), std::string::npos) << text;
  EXPECT_EQ(copy_out("/log/web-started"), "") << "web started although migrate failed";
}

}  // namespace
}  // namespace drover::docker_test
