#pragma once

#include "core/model.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The pure half of per-service cgroups (issue 9 point 3, decision 0012): what
// the kernel's text files say and what drover writes into them. The shell
// reads /proc/self/cgroup, /proc/self/mountinfo and the control files, and
// probes writability; everything that interprets or renders their text is
// here, so it is unit-tested without a kernel.
namespace drover::core {

enum class CgroupVersion { V1, V2 };

// One cgroup or cgroup2 mount from /proc/self/mountinfo.
struct CgroupMount {
  std::string root;                      // Field 4: the hierarchy path mounted here.
  std::string mount_point;               // Field 5.
  bool writable = false;                 // "rw" in the per-mount options.
  bool unified = false;                  // cgroup2 rather than a v1 hierarchy.
  std::vector<std::string> controllers;  // v1: from the super options (memory, cpu…).
};

// The cgroup and cgroup2 mounts of a mountinfo text; other lines are skipped,
// malformed ones too (the kernel's format is fixed; a line drover cannot
// read is one it cannot use).
std::vector<CgroupMount> parse_cgroup_mounts(std::string_view mountinfo);

// /proc/self/cgroup: hierarchy paths by controller. The unified hierarchy's
// line ("0::/path") is under the key "" ; a v1 line naming several
// controllers ("2:cpu,cpuacct:/x") gives each of them.
std::map<std::string, std::string> parse_proc_cgroup(std::string_view text);

// Where drover's own cgroup is, per controller directory, for one backend.
// v2: one directory under "" ; v1: one per needed controller (memory, cpu,
// cpuacct, pids). Empty when the backend is not usable from these texts.
struct CgroupLayout {
  CgroupVersion version = CgroupVersion::V2;
  std::map<std::string, std::string> own_dirs;  // Controller ("" on v2) → absolute dir.
};

// The v2 layout, when the unified hierarchy is mounted writable, drover's
// cgroup is visible under it, and `available_controllers` (the text of its
// cgroup.controllers) has memory, cpu and pids. The shell still probes that
// it can create a directory there.
std::optional<CgroupLayout> v2_layout(const std::vector<CgroupMount>& mounts,
                                      const std::map<std::string, std::string>& own,
                                      std::string_view available_controllers);

// The v1 layout, when memory, cpu, cpuacct and pids are each mounted
// writable and drover's path in each is visible under its mount.
std::optional<CgroupLayout> v1_layout(const std::vector<CgroupMount>& mounts,
                                      const std::map<std::string, std::string>& own);

// One value for one control file, in the order they must be written (v1's
// memsw limit must not be below the memory limit; a cfs quota is relative
// to the period).
struct CgroupWrite {
  std::string controller;  // "" on v2.
  std::string file;        // "memory.max", "cpu.cfs_quota_us" …
  std::string value;
};

inline constexpr uint64_t kCpuPeriodMicros = 100000;

// The control-file writes that express `resources` on one backend. nofile
// is not a cgroup matter (it stays an rlimit). memory_swap is memory + swap,
// so v2's memory.swap.max gets the difference; on v1 the memsw write is
// listed and the shell skips it when the kernel has no swap accounting.
std::vector<CgroupWrite> cgroup_writes(const ResourceSpec& resources, CgroupVersion version);

// The value after `key` on its own line of a "key value" text: v2
// memory.events and cpu.stat, v1 memory.oom_control. nullopt when absent
// or not a number.
std::optional<uint64_t> keyed_counter(std::string_view text, std::string_view key);

// A control file that holds one number (v1 memory.usage_in_bytes,
// cpuacct.usage, v2 memory.current); nullopt for "max" or garbage.
std::optional<uint64_t> single_counter(std::string_view text);

// 33554432 → "32M", 1536 → "1536", 1073741824 → "1G": the largest binary
// unit that divides the value exactly, so the text reads as configured.
std::string render_size(uint64_t bytes);

// The exit reason when the kernel's OOM killer ended a service:
// "OOM killed, memory.max=32M" (v1: "memory.limit=32M").
std::string oom_reason(uint64_t memory_limit, CgroupVersion version);

}  // namespace drover::core
