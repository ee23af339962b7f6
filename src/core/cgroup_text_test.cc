#include "core/cgroup_text.h"

#include <gtest/gtest.h>

namespace drover::core {
namespace {

// The hybrid host this project is built on: v1 controllers, an empty cgroup2.
constexpr std::string_view kHybridMountinfo =
    "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755\n"
    "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu\n"
    "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct\n"
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
    "39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids\n"
    "40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd\n"
    "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw\n";

ResourceSpec spec(std::optional<uint64_t> memory, std::optional<uint64_t> memory_swap,
                  std::optional<double> cpus, std::optional<uint64_t> pids,
                  std::optional<uint64_t> nofile = std::nullopt) {
  ResourceSpec resources;
  resources.memory = memory;
  resources.memory_swap = memory_swap;
  resources.cpus = cpus;
  resources.pids = pids;
  resources.nofile = nofile;
  return resources;
}

constexpr std::string_view kHybridProcCgroup =
    "9:name=systemd:/\n8:pids:/\n4:memory:/process_api/abc\n2:cpuacct:/\n1:cpu:/\n0::/\n";

TEST(CgroupMounts, ParsesCgroupAndCgroup2LinesOnly) {
  auto mounts = parse_cgroup_mounts(kHybridMountinfo);
  ASSERT_EQ(mounts.size(), 6u);
  EXPECT_EQ(mounts[0].mount_point, "/sys/fs/cgroup/cpu");
  EXPECT_EQ(mounts[0].controllers, std::vector<std::string>{"cpu"});
  EXPECT_TRUE(mounts[0].writable);
  EXPECT_FALSE(mounts[0].unified);
  EXPECT_TRUE(mounts[4].controllers.empty());  // name=systemd is no controller.
  EXPECT_TRUE(mounts[5].unified);
}

TEST(CgroupMounts, ReadsOptionalFieldsReadOnlyAndJoinedControllers) {
  auto mounts = parse_cgroup_mounts(
      "25 24 0:22 /docker/x /sys/fs/cgroup/cpu,cpuacct ro,nosuid shared:9 master:2 - cgroup "
      "cgroup rw,cpu,cpuacct\n");
  ASSERT_EQ(mounts.size(), 1u);
  EXPECT_EQ(mounts[0].root, "/docker/x");
  EXPECT_FALSE(mounts[0].writable);
  EXPECT_EQ(mounts[0].controllers, (std::vector<std::string>{"cpu", "cpuacct"}));
}

TEST(CgroupMounts, SkipsMalformedLines) {
  EXPECT_TRUE(parse_cgroup_mounts("garbage\n1 2 3 4 5 6 - cgroup2\n\n").empty());
}

TEST(ProcCgroup, MapsEachControllerAndTheUnifiedLine) {
  auto own = parse_proc_cgroup("2:cpu,cpuacct:/a\n0::/b\nbroken\n");
  EXPECT_EQ(own.at("cpu"), "/a");
  EXPECT_EQ(own.at("cpuacct"), "/a");
  EXPECT_EQ(own.at(""), "/b");
  EXPECT_EQ(own.size(), 3u);
}

TEST(CgroupLayoutTest, HybridHostHasV1NotV2) {
  auto mounts = parse_cgroup_mounts(kHybridMountinfo);
  auto own = parse_proc_cgroup(kHybridProcCgroup);
  EXPECT_FALSE(v2_layout(mounts, own, "\n"));  // The unified hierarchy has no controllers.
  auto v1 = v1_layout(mounts, own);
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->version, CgroupVersion::V1);
  EXPECT_EQ(v1->own_dirs.at("memory"), "/sys/fs/cgroup/memory/process_api/abc");
  EXPECT_EQ(v1->own_dirs.at("cpu"), "/sys/fs/cgroup/cpu");
  EXPECT_EQ(v1->own_dirs.size(), 4u);
}

TEST(CgroupLayoutTest, V1NeedsEveryControllerWritable) {
  std::string text(kHybridMountinfo);
  text.replace(text.find("/sys/fs/cgroup/pids rw"), 23, "/sys/fs/cgroup/pids ro,");
  auto own = parse_proc_cgroup(kHybridProcCgroup);
  EXPECT_FALSE(v1_layout(parse_cgroup_mounts(text), own));
  auto no_pids = parse_proc_cgroup("4:memory:/\n2:cpuacct:/\n1:cpu:/\n");
  EXPECT_FALSE(v1_layout(parse_cgroup_mounts(kHybridMountinfo), no_pids));
}

TEST(CgroupLayoutTest, UnifiedHostWithControllersHasV2) {
  auto mounts = parse_cgroup_mounts("30 1 0:26 / /sys/fs/cgroup rw,nosuid - cgroup2 cgroup2 rw\n");
  auto own = parse_proc_cgroup("0::/system.slice/drover.service\n");
  auto v2 = v2_layout(mounts, own, "cpuset cpu io memory hugetlb pids rdma\n");
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->own_dirs.at(""), "/sys/fs/cgroup/system.slice/drover.service");
  EXPECT_FALSE(v2_layout(mounts, own, "cpu io memory\n"));  // No pids controller.
  EXPECT_FALSE(v1_layout(mounts, own));
}

TEST(CgroupLayoutTest, ContainerNamespaceRootsAndEscapes) {
  // A cgroup namespace: the mount's root is drover's own cgroup.
  auto mounts = parse_cgroup_mounts("30 1 0:26 /ctr /sys/fs/cgroup rw - cgroup2 cgroup2 rw\n");
  auto inside = v2_layout(mounts, parse_proc_cgroup("0::/ctr/sub\n"), "memory cpu pids");
  ASSERT_TRUE(inside);
  EXPECT_EQ(inside->own_dirs.at(""), "/sys/fs/cgroup/sub");
  EXPECT_FALSE(v2_layout(mounts, parse_proc_cgroup("0::/other\n"), "memory cpu pids"));
  EXPECT_FALSE(v2_layout(mounts, parse_proc_cgroup("0::/../..\n"), "memory cpu pids"));
  auto ro = parse_cgroup_mounts("30 1 0:26 / /sys/fs/cgroup ro - cgroup2 cgroup2 rw\n");
  EXPECT_FALSE(v2_layout(ro, parse_proc_cgroup("0::/\n"), "memory cpu pids"));
}

TEST(CgroupWrites, V2RendersEveryLimit) {
  ResourceSpec resources = spec(256u << 20, 384u << 20, 0.5, 5, 64);
  auto writes = cgroup_writes(resources, CgroupVersion::V2);
  ASSERT_EQ(writes.size(), 4u);
  EXPECT_EQ(writes[0].file, "memory.max");
  EXPECT_EQ(writes[0].value, "268435456");
  EXPECT_EQ(writes[1].file, "memory.swap.max");
  EXPECT_EQ(writes[1].value, std::to_string(128u << 20));
  EXPECT_EQ(writes[2].file, "cpu.max");
  EXPECT_EQ(writes[2].value, "50000 100000");
  EXPECT_EQ(writes[3].file, "pids.max");
  EXPECT_EQ(writes[3].value, "5");
  for (const auto& write : writes) EXPECT_EQ(write.controller, "");
}

TEST(CgroupWrites, V1OrdersMemoryBeforeMemswAndPeriodBeforeQuota) {
  ResourceSpec resources = spec(32u << 20, 64u << 20, 2.0, 9);
  auto writes = cgroup_writes(resources, CgroupVersion::V1);
  ASSERT_EQ(writes.size(), 5u);
  EXPECT_EQ(writes[0].controller + "/" + writes[0].file, "memory/memory.limit_in_bytes");
  EXPECT_EQ(writes[1].controller + "/" + writes[1].file, "memory/memory.memsw.limit_in_bytes");
  EXPECT_EQ(writes[1].value, std::to_string(64u << 20));
  EXPECT_EQ(writes[2].file, "cpu.cfs_period_us");
  EXPECT_EQ(writes[3].file, "cpu.cfs_quota_us");
  EXPECT_EQ(writes[3].value, "200000");
  EXPECT_EQ(writes[4].controller + "/" + writes[4].file, "pids/pids.max");
}

TEST(CgroupWrites, EdgeValues) {
  EXPECT_TRUE(cgroup_writes(spec({}, {}, {}, {}, 10), CgroupVersion::V2).empty());
  auto tiny = cgroup_writes(spec({}, {}, 0.001, {}), CgroupVersion::V2);
  EXPECT_EQ(tiny.at(0).value, "1000 100000");  // Raised to the kernel's 1ms minimum.
  auto swap_below = cgroup_writes(spec(64, 32, {}, {}), CgroupVersion::V2);
  EXPECT_EQ(swap_below.at(1).value, "0");
}

TEST(CgroupCounters, ReadsKeyedAndSingleValues) {
  constexpr std::string_view kEvents =
      "low 0\nhigh 0\nmax 12\noom 2\noom_kill 1\noom_group_kill 0\n";
  EXPECT_EQ(keyed_counter(kEvents, "oom_kill"), 1u);
  EXPECT_EQ(keyed_counter(kEvents, "oom"), 2u);
  EXPECT_EQ(keyed_counter("oom_kill_disable 0\nunder_oom 0\noom_kill 3\n", "oom_kill"), 3u);
  EXPECT_EQ(keyed_counter("oom_kill_disable 0\n", "oom_kill"), std::nullopt);  // Old kernels.
  EXPECT_EQ(keyed_counter("usage_usec 1500000\nuser_usec 1\n", "usage_usec"), 1500000u);
  EXPECT_EQ(keyed_counter("oom_kill x\n", "oom_kill"), std::nullopt);
  EXPECT_EQ(single_counter("4096\n"), 4096u);
  EXPECT_EQ(single_counter("max\n"), std::nullopt);
  EXPECT_EQ(single_counter(""), std::nullopt);
  EXPECT_EQ(single_counter("9223372036854771712\n"), 9223372036854771712u);  // v1 "unlimited".
  EXPECT_EQ(single_counter("184467440737095516160"), std::nullopt);          // Would overflow.
}

TEST(CgroupReasons, RendersSizesAsConfigured) {
  EXPECT_EQ(render_size(32u << 20), "32M");
  EXPECT_EQ(render_size(1u << 30), "1G");
  EXPECT_EQ(render_size(1536), "1536");  // 1.5K is not a whole number of K.
  EXPECT_EQ(render_size(3u << 10), "3K");
  EXPECT_EQ(render_size(0), "0");
  EXPECT_EQ(oom_reason(32u << 20, CgroupVersion::V2), "OOM killed, memory.max=32M");
  EXPECT_EQ(oom_reason(256u << 20, CgroupVersion::V1), "OOM killed, memory.limit=256M");
}

}  // namespace
}  // namespace drover::core
