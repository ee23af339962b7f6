// Spawning real processes (no mocks): PATH resolution errors, exec status
// reporting through the close-on-exec pipe, and the child's environment.
#include "runtime/process/spawn.h"

#include <gtest/gtest.h>

#include <poll.h>
#include <sys/wait.h>

extern char** environ;

namespace drover::runtime {
namespace {

core::ServiceSpec spec_of(std::vector<std::string> argv) {
  core::ServiceSpec spec;
  spec.name = "t";
  spec.argv = std::move(argv);
  return spec;
}

// Blocks until the exec status pipe says something.
Result<bool> wait_exec_status(const SpawnedChild& child, const SpawnPlan& plan) {
  pollfd waiter{child.exec_status.get(), POLLIN, 0};
  ::poll(&waiter, 1, 5000);
  return read_exec_status(child.exec_status.get(), plan.executable, plan.working_dir);
}

TEST(SpawnTest, CommandNotInPathNamesThePathSearched) {
  core::ServiceSpec spec = spec_of({"definitely-not-a-command"});
  spec.env = {{"PATH", "/nonexistent:/also-not"}};
  Result<SpawnPlan> plan = prepare_spawn(spec, environ);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().message,
            "command \"definitely-not-a-command\" not found in PATH (/nonexistent:/also-not)");
}

TEST(SpawnTest, ResolvesBareNamesThroughPath) {
  Result<SpawnPlan> plan = prepare_spawn(spec_of({"true"}), environ);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->executable.substr(plan->executable.size() - 5), "/true");
}

TEST(SpawnTest, SuccessfulExecClosesTheStatusPipe) {
  Result<SpawnPlan> plan = prepare_spawn(spec_of({"/bin/true"}), environ);
  ASSERT_TRUE(plan);
  Result<SpawnedChild> child = spawn_child(*plan);
  ASSERT_TRUE(child);
  Result<bool> status = wait_exec_status(*child, *plan);
  ASSERT_TRUE(status);
  EXPECT_TRUE(*status);
  int wait_status = 0;
  ASSERT_EQ(::waitpid(child->pid, &wait_status, 0), child->pid);
  EXPECT_EQ(WEXITSTATUS(wait_status), 0);
}

TEST(SpawnTest, ChdirFailureIsReportedWithTheDirectory) {
  core::ServiceSpec spec = spec_of({"/bin/true"});
  spec.working_dir = "/no/such/dir";
  Result<SpawnPlan> plan = prepare_spawn(spec, environ);
  ASSERT_TRUE(plan);
  Result<SpawnedChild> child = spawn_child(*plan);
  ASSERT_TRUE(child);
  Result<bool> status = wait_exec_status(*child, *plan);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.error().message, "chdir /no/such/dir: No such file or directory");
  int wait_status = 0;
  ::waitpid(child->pid, &wait_status, 0);
  EXPECT_EQ(WEXITSTATUS(wait_status), 127);
}

TEST(SpawnTest, ChildLeadsItsOwnProcessGroupAndGetsTheServiceEnv) {
  core::ServiceSpec spec = spec_of({"/bin/sh", "-c", "echo $GREETING $$ $(ps -o pgid= -p $$)"});
  spec.env = {{"GREETING", "hi"}};
  Result<SpawnPlan> plan = prepare_spawn(spec, environ);
  ASSERT_TRUE(plan);
  Result<SpawnedChild> child = spawn_child(*plan);
  ASSERT_TRUE(child);
  int wait_status = 0;
  ::waitpid(child->pid, &wait_status, 0);
  char buffer[256] = {};
  ssize_t n = ::read(child->stdout_pipe.get(), buffer, sizeof buffer - 1);
  ASSERT_GT(n, 0);
  std::string expected =
      "hi " + std::to_string(child->pid) + " " + std::to_string(child->pid) + "\n";
  // ps may pad the pgid; compare without spaces.
  std::string got(buffer, static_cast<size_t>(n));
  std::erase(got, ' ');
  std::erase(expected, ' ');
  EXPECT_EQ(got, expected);
}

}  // namespace
}  // namespace drover::runtime
