// The process runtime against real processes and a real io_context: event
// order (spawned, output, exited), spawn failures, and group signalling.
#include "runtime/process/process_runtime.h"

#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>

#include <optional>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace drover::runtime {
namespace {

namespace asio = boost::asio;

// Records listener calls as strings, in order.
struct Recorder : Listener {
  void on_spawned(InstanceId id, int pid) override {
    events.push_back("spawned " + std::to_string(id));
    last_pid = pid;
  }
  void on_spawn_failed(InstanceId id, Error error) override {
    events.push_back("failed " + std::to_string(id) + ": " + error.message);
  }
  void on_output(InstanceId id, Stream stream, std::string_view bytes) override {
    output[id] += (stream == Stream::Stdout ? "" : "!") + std::string(bytes);
    if (events.empty() || events.back() != "output " + std::to_string(id)) {
      events.push_back("output " + std::to_string(id));
    }
  }
  void on_exited(InstanceId id, core::ExitStatus status) override {
    events.push_back("exited " + std::to_string(id) + " " + core::describe_exit(status));
  }
  std::vector<std::string> events;
  std::map<InstanceId, std::string> output;
  int last_pid = 0;
};

class ProcessRuntimeTest : public ::testing::Test {
 protected:
  ProcessRuntimeTest() : runtime_(io_, recorder_, environ), signals_(io_, SIGCHLD) {}

  void SetUp() override { watch(); }

  void watch() {
    signals_.async_wait([this](boost::system::error_code ec, int) {
      if (ec) return;
      for (;;) {
        int status = 0;
        pid_t pid = ::waitpid(-1, &status, WNOHANG);
        if (pid <= 0) break;
        runtime_.child_exited(pid, status);
      }
      watch();
    });
  }

  // Runs the loop until `done` holds or 5 s pass.
  void run_until(const std::function<bool()>& done) {
    asio::steady_timer deadline(io_, std::chrono::seconds(5));
    bool expired = false;
    deadline.async_wait([&](boost::system::error_code ec) { expired = !ec; });
    while (!done() && !expired) {
      io_.run_one();
    }
    EXPECT_TRUE(done()) << "timed out";
  }

  bool last_event_is_exit() const {
    return !recorder_.events.empty() && recorder_.events.back().rfind("exited", 0) == 0;
  }

  core::ServiceSpec shell(const std::string& script) {
    core::ServiceSpec spec;
    spec.name = "t";
    spec.argv = {"/bin/sh", "-c", script};
    return spec;
  }

  asio::io_context io_;
  Recorder recorder_;
  ProcessRuntime runtime_;
  asio::signal_set signals_;
};

TEST_F(ProcessRuntimeTest, ReportsSpawnThenOutputThenExitInOrder) {
  runtime_.start(1, shell("echo out; echo err >&2; exit 3"));
  run_until([&] { return last_event_is_exit(); });
  ASSERT_GE(recorder_.events.size(), 2u);
  EXPECT_EQ(recorder_.events.front(), "spawned 1");
  EXPECT_EQ(recorder_.events.back(), "exited 1 exit status 3");
  // Both streams arrived before the exit was reported.
  EXPECT_NE(recorder_.output[1].find("out\n"), std::string::npos);
  EXPECT_NE(recorder_.output[1].find("!err\n"), std::string::npos);
}

TEST_F(ProcessRuntimeTest, LastOutputOfAFastExitIsNotLost) {
  runtime_.start(7, shell("i=0; while [ $i -lt 2000 ]; do echo line$i; i=$((i+1)); done"));
  run_until([&] { return last_event_is_exit(); });
  EXPECT_NE(recorder_.output[7].find("line1999\n"), std::string::npos);
}

TEST_F(ProcessRuntimeTest, SpawnFailureIsReportedWithoutAnExit) {
  core::ServiceSpec spec = shell("true");
  spec.working_dir = "/does/not/exist";
  runtime_.start(2, spec);
  run_until([&] { return !recorder_.events.empty(); });
  EXPECT_EQ(recorder_.events,
            std::vector<std::string>{"failed 2: chdir /does/not/exist: No such file or directory"});
  // The failed child is reaped and forgotten.
  run_until([&] { return runtime_.instance_count_for_test() == 0; });
  EXPECT_EQ(recorder_.events.size(), 1u);
}

TEST_F(ProcessRuntimeTest, UnknownCommandFailsBeforeForking) {
  core::ServiceSpec spec;
  spec.argv = {"no-such-command-xyz"};
  spec.env = {{"PATH", "/nowhere"}};
  runtime_.start(3, spec);
  run_until([&] { return !recorder_.events.empty(); });
  EXPECT_EQ(recorder_.events,
            std::vector<std::string>{"failed 3: command \"no-such-command-xyz\" not found in PATH "
                                     "(/nowhere)"});
}

TEST_F(ProcessRuntimeTest, GroupSignalReachesChildrenOfTheService) {
  runtime_.start(4, shell("sleep 30 & sleep 30 & wait"));
  run_until([&] { return !recorder_.events.empty(); });
  ASSERT_TRUE(runtime_.signal(4, SIGTERM, core::SignalTarget::Group));
  run_until([&] { return last_event_is_exit(); });
  EXPECT_EQ(recorder_.events.back(), "exited 4 killed by signal 15");
  // Both sleeps were in the group and die too; they are reaped by init, so
  // allow them a moment to disappear.
  bool group_gone = false;
  for (int i = 0; i < 500 && !group_gone; ++i) {
    group_gone = ::kill(-recorder_.last_pid, 0) == -1;
    if (!group_gone) {
      ::usleep(10000);
    }
  }
  EXPECT_TRUE(group_gone);
}

TEST_F(ProcessRuntimeTest, SignalToAnExitedInstanceIsAnError) {
  runtime_.start(5, shell("exit 0"));
  run_until([&] { return last_event_is_exit(); });
  Result<void> sent = runtime_.signal(5, SIGTERM, core::SignalTarget::Process);
  EXPECT_FALSE(sent);
}

}  // namespace
}  // namespace drover::runtime

namespace drover::runtime {
namespace {

class ProbeTest : public ProcessRuntimeTest {
 protected:
  ProbeResult probe(const std::string& script, core::Duration timeout) {
    std::optional<ProbeResult> result;
    core::ServiceSpec spec;
    spec.env = {{"PROBE_VALUE", "42"}};
    runtime_.run_probe(spec, {"/bin/sh", "-c", script}, timeout,
                       [&](ProbeResult r) { result = std::move(r); });
    run_until([&] { return result.has_value(); });
    return result.value_or(ProbeResult{});
  }
};

TEST_F(ProbeTest, ReportsExitStatusAndOutputWithTheServiceEnvironment) {
  ProbeResult result =
      probe("echo value=$PROBE_VALUE; echo oops >&2; exit 4", std::chrono::seconds(5));
  EXPECT_EQ(result.status.code, 4);
  EXPECT_FALSE(result.timed_out);
  EXPECT_NE(result.output.find("value=42\n"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("oops\n"), std::string::npos) << result.output;
}

TEST_F(ProbeTest, OverrunningProbeIsKilledWithItsGroup) {
  ProbeResult result = probe("sleep 30 & sleep 30", std::chrono::milliseconds(100));
  EXPECT_TRUE(result.timed_out);
  EXPECT_EQ(result.status.signal, SIGKILL);
  EXPECT_EQ(runtime_.instance_count_for_test(), 0u);
}

TEST_F(ProbeTest, OutputIsCappedAtFourKilobytes) {
  ProbeResult result = probe("head -c 100000 /dev/zero | tr '\\0' x", std::chrono::seconds(5));
  EXPECT_EQ(result.status.code, 0);
  EXPECT_EQ(result.output.size(), 4096u);
}

TEST_F(ProbeTest, UnknownProbeCommandIsReportedAs127) {
  std::optional<ProbeResult> result;
  core::ServiceSpec spec;
  spec.env = {{"PATH", "/nowhere"}};
  runtime_.run_probe(spec, {"no-such-probe"}, std::chrono::seconds(1),
                     [&](ProbeResult r) { result = std::move(r); });
  run_until([&] { return result.has_value(); });
  EXPECT_EQ(result->status.code, 127);
  EXPECT_NE(result->output.find("not found in PATH"), std::string::npos);
}

}  // namespace
}  // namespace drover::runtime
