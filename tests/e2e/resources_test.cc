// `resources:` through the real binary: the rlimit fallback (forced with the
// DROVER_CGROUP_ROOT test hook pointing at a directory that does not exist)
// and, where the machine has writable cgroups (v1 or v2, as root), the
// per-service cgroup: an OOM kill reported as such, pids.max, and a stop
// that leaves no setsid'd process behind.
#include "harness/drover_instance.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <signal.h>
#include <unistd.h>

namespace drover::e2e {
namespace {

const std::vector<std::string> kNoCgroups = {"DROVER_CGROUP_ROOT=/nonexistent/drover-test"};

// Whether this machine gives root a writable memory controller (v1) or
// unified hierarchy; the cgroup tests skip, saying so, where it does not.
std::string why_no_cgroups() {
  if (::geteuid() != 0) return "needs root";
  if (::access("/sys/fs/cgroup/memory/cgroup.procs", W_OK) == 0) return "";
  if (::access("/sys/fs/cgroup/cgroup.subtree_control", W_OK) == 0) return "";
  return "no writable cgroup v1 memory controller or cgroup v2 hierarchy";
}

// Waits until `name` is in any of `states`: a service the test makes fail
// may end in more than one of them.
bool wait_any_state(DroverInstance& drover, const std::string& name,
                    const std::vector<std::string>& states) {
  return wait_until([&] {
    std::string state = drover.state_of(name);
    return std::find(states.begin(), states.end(), state) != states.end();
  });
}

TEST(ResourcesTest, NofileAndMemoryBecomeTheServicesRlimits) {
  DroverInstance drover;
  drover.write_config(R"yaml(services:
  limited:
    type: oneshot
    command: [sh, -c, 'echo "nofile $(ulimit -n) vmem $(ulimit -v)"']
    resources: {nofile: 123, memory: 512MiB}
)yaml");
  ASSERT_TRUE(drover.start(kNoCgroups));
  ASSERT_TRUE(drover.wait_state("limited", "EXITED"));
  CommandResult logs = drover.cli({"logs", "limited"});
  EXPECT_EQ(logs.out, "nofile 123 vmem 524288\n") << logs.err;  // ulimit -v is in KiB.
}

TEST(ResourcesTest, WithoutCgroupsAMemoryHogFailsAtItsLimit) {
  DroverInstance drover;
  drover.write_config(R"(services:
  hog:
    type: oneshot
    command: [/usr/bin/python3, -c, 'bytearray(400 * 1024 * 1024); print("allocated")']
    resources: {memory: 128MiB}
  free:
    type: oneshot
    command: [/usr/bin/python3, -c, 'bytearray(400 * 1024 * 1024); print("allocated")']
)");
  ASSERT_TRUE(drover.start(kNoCgroups));
  ASSERT_TRUE(wait_any_state(drover, "hog", {"FATAL", "EXITED"}));
  ASSERT_TRUE(drover.wait_state("free", "EXITED"));
  CommandResult hog = drover.cli({"logs", "hog"});
  EXPECT_NE(hog.out.find("MemoryError"), std::string::npos) << hog.out;
  EXPECT_EQ(hog.out.find("allocated"), std::string::npos) << hog.out;
  EXPECT_EQ(drover.cli({"logs", "free"}).out, "allocated\n");
}

TEST(ResourcesTest, WithoutCgroupsWhatCannotBeEnforcedIsSaidOnceAtStart) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: sleep 600
    resources: {cpus: 0.5, memory_swap: 1GiB, memory: 512MiB}
  plain:
    command: sleep 600
)");
  ASSERT_TRUE(drover.start(kNoCgroups));
  ASSERT_TRUE(drover.wait_state("web", "RUNNING"));
  std::string err = drover.stderr_text();
  EXPECT_NE(err.find("drover[web]: warning: resources not enforced: cpus, memory_swap"),
            std::string::npos)
      << err;
  EXPECT_NE(err.find("(no usable cgroups: cannot create /nonexistent/drover-test/drover-"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("drover[plain]: warning: resources"), std::string::npos) << err;
}

TEST(ResourcesTest, WithCgroupsAMemoryHogIsOomKilledAndSaidSo) {
  if (std::string why = why_no_cgroups(); !why.empty()) GTEST_SKIP() << why;
  DroverInstance drover;
  drover.write_config(R"(services:
  hog:
    type: oneshot
    command: [/usr/bin/python3, -c, 'bytearray(400 * 1024 * 1024); print("allocated")']
    resources: {memory: 32MiB, memory_swap: 32MiB}
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_any_state(drover, "hog", {"FATAL", "EXITED", "BACKOFF"}));
  std::string json = boost::json::serialize(drover.service("hog"));
  EXPECT_NE(json.find("OOM killed, memory."), std::string::npos) << json;
  EXPECT_NE(json.find("=32M"), std::string::npos) << json;
  CommandResult status = drover.cli({"status"});
  EXPECT_NE(status.out.find("OOM killed"), std::string::npos) << status.out;
  EXPECT_EQ(drover.stderr_text().find("resources not enforced"), std::string::npos);
}

// Current memory and CPU come from the cgroup, in status and its JSON.
TEST(ResourcesTest, WithCgroupsStatusShowsMemoryAndCpu) {
  if (std::string why = why_no_cgroups(); !why.empty()) GTEST_SKIP() << why;
  DroverInstance drover;
  drover.write_config(R"(services:
  busy:
    command: [/usr/bin/python3, -c, 'x = bytearray(20 * 1024 * 1024); import time; time.sleep(600)']
    resources: {memory: 64MiB}
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("busy", "RUNNING"));
  ASSERT_TRUE(wait_until([&] {
    boost::json::object busy = drover.service("busy");
    return busy.at("memory_bytes").is_number() &&
           busy.at("memory_bytes").to_number<uint64_t>() > 10 * 1024 * 1024;
  })) << boost::json::serialize(drover.service("busy"));
  EXPECT_TRUE(drover.service("busy").at("cpu_seconds").is_number());
  CommandResult status = drover.cli({"status", "busy"});
  EXPECT_NE(status.out.find("memory "), std::string::npos) << status.out;
  EXPECT_NE(status.out.find(", cpu "), std::string::npos) << status.out;
}

TEST(ResourcesTest, WithCgroupsPidsLimitsForks) {
  if (std::string why = why_no_cgroups(); !why.empty()) GTEST_SKIP() << why;
  DroverInstance drover;
  drover.write_config(R"(services:
  forker:
    type: oneshot
    command: [sh, -c, 'n=0; for i in 1 2 3 4 5 6 7 8 9 10; do sleep 5 & n=$((n+1)); done; echo started']
    resources: {pids: 5}
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_any_state(drover, "forker", {"FATAL", "EXITED", "BACKOFF"}));
  CommandResult logs = drover.cli({"logs", "forker"});
  EXPECT_NE(logs.out.find("fork"), std::string::npos) << logs.out;  // sh: "Cannot fork".
}

TEST(ResourcesTest, WithCgroupsStopLeavesNoSetsidEscapee) {
  if (std::string why = why_no_cgroups(); !why.empty()) GTEST_SKIP() << why;
  std::string pidfile = ::testing::TempDir() + "escapee.pid";
  ::unlink(pidfile.c_str());
  DroverInstance drover;
  drover.write_config(R"(services:
  leaky:
    command: [sh, -c, 'setsid sh -c "echo \$\$ > )" +
                      pidfile + R"(; exec sleep 600" & exec sleep 600']
    resources: {pids: 50}
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("leaky", "RUNNING"));
  pid_t escapee = 0;
  ASSERT_TRUE(wait_until([&] {
    std::ifstream in(pidfile);
    return static_cast<bool>(in >> escapee);
  }));
  ASSERT_EQ(::kill(escapee, 0), 0);
  drover.cli({"stop", "leaky"});
  ASSERT_TRUE(drover.wait_state("leaky", "STOPPED"));
  EXPECT_TRUE(wait_until([&] { return ::kill(escapee, 0) != 0; })) << "pid " << escapee;
}

}  // namespace
}  // namespace drover::e2e
