#include "runtime/process/cgroup_tree.h"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <sys/mman.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

// Against the machine's real cgroups: needs root and a v1 or v2 backend, and
// says so by skipping (never by passing) where they are missing.
namespace drover::runtime {
namespace {

std::optional<CgroupTree> tree_or_skip_reason(std::string& reason) {
  if (::geteuid() != 0) {
    reason = "needs root to create cgroups";
    return std::nullopt;
  }
  return CgroupTree::create("", reason);
}

// Forks a child that joins the service's cgroup the way spawn does (writes
// "0" into the cgroup.procs fds opened here), then runs `body`.
template <typename Body>
pid_t fork_into(const CgroupTree& tree, const std::string& service, Body body) {
  std::vector<UniqueFd> procs = tree.open_procs(service);
  pid_t pid = ::fork();
  if (pid == 0) {
    for (const UniqueFd& fd : procs) {
      if (::write(fd.get(), "0", 1) != 1) ::_exit(100);
    }
    ::_exit(body());
  }
  return pid;
}

int wait_status(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return status;
}

// Touches memory a megabyte at a time, mmap'd directly so the sanitizers'
// allocator plays no part, until the kernel stops it.
int hog_memory() {
  for (int megabytes = 0; megabytes < 1024; ++megabytes) {
    void* chunk =
        ::mmap(nullptr, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (chunk == MAP_FAILED) return 2;
    std::memset(chunk, 1, 1 << 20);
  }
  return 0;
}

TEST(CgroupTreeTest, MemoryHogIsOomKilledAndCounted) {
  std::string reason;
  auto tree = tree_or_skip_reason(reason);
  if (!tree) GTEST_SKIP() << "no cgroups: " << reason;
  core::ResourceSpec resources;
  resources.memory = 32u << 20;
  resources.memory_swap = 32u << 20;  // No swapping out of the limit, where swap is accounted.
  ASSERT_EQ(tree->add_service("hog", resources), "");
  uint64_t before = tree->oom_kills("hog");
  int status = wait_status(fork_into(*tree, "hog", hog_memory));
  ASSERT_TRUE(WIFSIGNALED(status)) << "exit " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);
  EXPECT_GT(tree->oom_kills("hog"), before);
  tree->remove_service("hog");
}

// Forks up to 20 grandchildren that leave the session (as a daemon would)
// and wait; returns how many forks worked.
int fork_escapees() {
  int forked = 0;
  for (int i = 0; i < 20; ++i) {
    pid_t pid = ::fork();
    if (pid == 0) {
      ::setsid();
      ::pause();
      ::_exit(0);
    }
    if (pid > 0) ++forked;
  }
  return forked;
}

TEST(CgroupTreeTest, PidsLimitStopsForksAndKillAllLeavesNothing) {
  std::string reason;
  auto tree = tree_or_skip_reason(reason);
  if (!tree) GTEST_SKIP() << "no cgroups: " << reason;
  core::ResourceSpec resources;
  resources.pids = 5;
  ASSERT_EQ(tree->add_service("forker", resources), "");
  int status = wait_status(fork_into(*tree, "forker", fork_escapees));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 4);  // Five processes: the forker and four escapees.
  tree->kill_all("forker");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (tree->has_processes("forker") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(tree->has_processes("forker")) << "a setsid'd grandchild escaped";
  tree->remove_service("forker");
  EXPECT_TRUE(tree->open_procs("forker").empty()) << "the cgroup is removed once empty";
}

TEST(CgroupTreeTest, ReportsMemoryAndCpuOfItsProcesses) {
  std::string reason;
  auto tree = tree_or_skip_reason(reason);
  if (!tree) GTEST_SKIP() << "no cgroups: " << reason;
  ASSERT_EQ(tree->add_service("busy", core::ResourceSpec{}), "");
  int status = wait_status(fork_into(*tree, "busy", [] {
    volatile uint64_t sum = 0;
    auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(200);
    while (std::chrono::steady_clock::now() < end) sum = sum + 1;
    return 0;
  }));
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_GE(tree->cpu_micros("busy").value_or(0), 100000u);  // Most of 200ms spinning.
  EXPECT_TRUE(tree->memory_bytes("busy").has_value());
  tree->remove_service("busy");
}

}  // namespace
}  // namespace drover::runtime
