// PID-1 duties through the real binary (outside a container: drover makes
// itself child subreaper, so orphans are reparented to it as they would be
// to PID 1). The container variant is docker_pid1_test.cc.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <dirent.h>
#include <fstream>
#include <signal.h>
#include <sstream>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

// The pids of zombie processes whose parent is `parent`.
std::vector<int> zombie_children(int parent) {
  std::vector<int> zombies;
  DIR* proc = ::opendir("/proc");
  while (dirent* entry = ::readdir(proc)) {
    int pid = std::atoi(entry->d_name);
    if (pid <= 0) {
      continue;
    }
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string line;
    std::getline(stat, line);
    size_t close = line.rfind(')');
    if (close == std::string::npos) {
      continue;
    }
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    int ppid = 0;
    rest >> state >> ppid;
    if (ppid == parent && state == 'Z') {
      zombies.push_back(pid);
    }
  }
  ::closedir(proc);
  return zombies;
}

// Whether any process has `parent` as its parent.
int count_children(int parent) {
  int count = 0;
  DIR* proc = ::opendir("/proc");
  while (dirent* entry = ::readdir(proc)) {
    if (std::atoi(entry->d_name) <= 0) {
      continue;
    }
    std::ifstream stat("/proc/" + std::string(entry->d_name) + "/stat");
    std::string line;
    std::getline(stat, line);
    size_t close = line.rfind(')');
    if (close != std::string::npos) {
      std::istringstream rest(line.substr(close + 2));
      char state = 0;
      int ppid = 0;
      rest >> state >> ppid;
      count += ppid == parent ? 1 : 0;
    }
  }
  ::closedir(proc);
  return count;
}

TEST(Pid1Test, DoubleForkedGrandchildIsReapedAndLeavesNoZombie) {
  DroverInstance drover;
  drover.write_config(R"(services:
  forker:
    command: @TESTSVC@ --orphan 200 --touch @DIR@/forked
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("forker", "RUNNING"));
  ASSERT_TRUE(wait_until([&] { return !drover.read_file("forked").empty(); }));
  // The orphan is reparented to drover (subreaper), lives 200 ms, exits, and
  // must be reaped: drover ends up with exactly one child (the service) and
  // no zombies.
  EXPECT_TRUE(wait_until([&] { return count_children(drover.pid()) == 1; }, seconds(5)));
  EXPECT_TRUE(zombie_children(drover.pid()).empty());
  EXPECT_EQ(drover.state_of("forker"), "RUNNING");
}

TEST(Pid1Test, SigtermStopsEveryServiceAndExitsZero) {
  DroverInstance drover;
  drover.write_config(R"(services:
  a:
    command: @TESTSVC@ --role a --log-signals @DIR@/signals --exit-on-term 0 --touch @DIR@/ready-a
    start_period: 0
  b:
    command: @TESTSVC@ --role b --log-signals @DIR@/signals --touch @DIR@/ready-b
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("a", "RUNNING"));
  ASSERT_TRUE(drover.wait_state("b", "RUNNING"));
  ASSERT_TRUE(wait_until([&] { return count_children(drover.pid()) == 2; }));
  ASSERT_TRUE(wait_until([&] {
    return !drover.read_file("ready-a").empty() && !drover.read_file("ready-b").empty();
  }));
  drover.send_signal(SIGTERM);
  EXPECT_EQ(drover.wait_exit(seconds(10)), 0);
  std::string signals = drover.read_file("signals");
  EXPECT_NE(signals.find("a:TERM"), std::string::npos) << signals;
  EXPECT_NE(signals.find("b:TERM"), std::string::npos) << signals;
}

TEST(Pid1Test, SigintAlsoStopsGracefully) {
  DroverInstance drover;
  drover.write_config(R"(services:
  a:
    command: @TESTSVC@
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("a", "RUNNING"));
  drover.send_signal(SIGINT);
  EXPECT_EQ(drover.wait_exit(seconds(10)), 0);
}

TEST(Pid1Test, RequiredServiceThatGoesFatalMakesDroverExitNonZero) {
  DroverInstance drover;
  drover.write_config(R"(services:
  core:
    command: @TESTSVC@ --exit 1
    required: true
    start_retries: 0
  other:
    command: @TESTSVC@ --role other --log-signals @DIR@/signals --exit-on-term 0
    start_period: 0
)");
  drover.launch();
  EXPECT_EQ(drover.wait_exit(seconds(15)), 1);
  EXPECT_NE(drover.stderr_text().find("core"), std::string::npos);
}

TEST(Pid1Test, ShutdownThroughTheApiExitsZero) {
  DroverInstance drover;
  drover.write_config(R"(services:
  a:
    command: @TESTSVC@
)");
  ASSERT_TRUE(drover.start());
  CommandResult result = drover.cli({"shutdown"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(drover.wait_exit(seconds(10)), 0);
}

TEST(Pid1Test, ShutdownTimeoutKillsWhatWillNotStop) {
  DroverInstance drover;
  drover.write_config(R"(services:
  stubborn:
    command: @TESTSVC@ --ignore TERM --touch @DIR@/ready
    stop_timeout: 60s
)",
                      "  shutdown_timeout: 500ms\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] { return !drover.read_file("ready").empty(); }));
  drover.send_signal(SIGTERM);
  EXPECT_EQ(drover.wait_exit(seconds(10)), 0);
  EXPECT_NE(drover.stderr_text().find("shutdown_timeout"), std::string::npos);
}

}  // namespace
}  // namespace drover::e2e
