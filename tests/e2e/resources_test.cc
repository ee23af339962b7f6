// `resources:` through the real binary, on a machine without cgroup v2
// management: the rlimits a service really gets, a memory hog that hits
// its limit, and the warning for what is not enforced.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

namespace drover::e2e {
namespace {

TEST(ResourcesTest, NofileAndMemoryBecomeTheServicesRlimits) {
  DroverInstance drover;
  drover.write_config(R"yaml(services:
  limited:
    type: oneshot
    command: [sh, -c, 'echo "nofile $(ulimit -n) vmem $(ulimit -v)"']
    resources: {nofile: 123, memory: 512MiB}
)yaml");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("limited", "EXITED"));
  CommandResult logs = drover.cli({"logs", "limited"});
  EXPECT_EQ(logs.out, "nofile 123 vmem 524288\n") << logs.err;  // ulimit -v is in KiB.
}

TEST(ResourcesTest, AMemoryHogFailsAtItsLimit) {
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
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] {
    std::string state = drover.state_of("hog");
    return state == "FATAL" || state == "EXITED";
  }));
  ASSERT_TRUE(drover.wait_state("free", "EXITED"));
  CommandResult hog = drover.cli({"logs", "hog"});
  EXPECT_NE(hog.out.find("MemoryError"), std::string::npos) << hog.out;
  EXPECT_EQ(hog.out.find("allocated"), std::string::npos) << hog.out;
  EXPECT_EQ(drover.cli({"logs", "free"}).out, "allocated\n");
}

TEST(ResourcesTest, WhatCannotBeEnforcedIsSaidOnceAtStart) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: sleep 600
    resources: {cpus: 0.5, memory_swap: 1GiB, memory: 512MiB}
  plain:
    command: sleep 600
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "RUNNING"));
  std::string err = drover.stderr_text();
  EXPECT_NE(err.find("drover[web]: warning: resources not enforced: cpus, memory_swap"),
            std::string::npos)
      << err;
  EXPECT_EQ(err.find("drover[plain]: warning: resources"), std::string::npos) << err;
}

}  // namespace
}  // namespace drover::e2e
