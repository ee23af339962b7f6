#include "core/cgroup_text.h"

#include <algorithm>

namespace drover::core {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string_view::npos) end = text.size();
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::string_view line : split(text, '\n')) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

bool has_word(std::string_view list, std::string_view word, char separator) {
  for (std::string_view item : split(list, separator)) {
    if (item == word) return true;
  }
  return false;
}

// A mountinfo line: fields up to the "-" separator, then fstype, source,
// super options.
std::optional<CgroupMount> mount_of(std::string_view line) {
  std::vector<std::string_view> fields;
  for (std::string_view field : split(line, ' ')) {
    if (!field.empty()) fields.push_back(field);
  }
  size_t dash = 6;
  while (dash < fields.size() && fields[dash] != "-") ++dash;
  if (dash + 3 >= fields.size()) return std::nullopt;  // fstype, source, super options.
  std::string_view fstype = fields[dash + 1];
  if (fstype != "cgroup" && fstype != "cgroup2") return std::nullopt;
  CgroupMount mount;
  mount.root = std::string(fields[3]);
  mount.mount_point = std::string(fields[4]);
  mount.writable = has_word(fields[5], "rw", ',');
  mount.unified = fstype == "cgroup2";
  if (!mount.unified) {
    for (std::string_view option : split(fields[dash + 3], ',')) {
      if (option != "rw" && option != "ro" && option.find('=') == std::string_view::npos) {
        mount.controllers.emplace_back(option);
      }
    }
  }
  return mount;
}

// The directory of `path` (a hierarchy path from /proc/self/cgroup) under a
// mount of hierarchy `root`; nullopt when the path is outside what is
// mounted (a cgroup namespace boundary shows as "/../..").
std::optional<std::string> dir_under(const CgroupMount& mount, const std::string& path) {
  if (path.empty() || path[0] != '/' || path.find("/..") != std::string::npos) return std::nullopt;
  std::string rest;
  if (mount.root == "/") {
    rest = path;
  } else if (path == mount.root) {
    rest = "/";
  } else if (path.starts_with(mount.root + "/")) {
    rest = path.substr(mount.root.size());
  } else {
    return std::nullopt;
  }
  return rest == "/" ? mount.mount_point : mount.mount_point + rest;
}

std::optional<uint64_t> number_of(std::string_view text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.remove_suffix(1);
  if (text.empty() || text.size() > 19) return std::nullopt;  // 19 digits fit in 64 bits.
  uint64_t value = 0;
  for (char digit : text) {
    if (digit < '0' || digit > '9') return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(digit - '0');
  }
  return value;
}

}  // namespace

std::vector<CgroupMount> parse_cgroup_mounts(std::string_view mountinfo) {
  std::vector<CgroupMount> mounts;
  for (std::string_view line : lines_of(mountinfo)) {
    if (auto mount = mount_of(line)) mounts.push_back(std::move(*mount));
  }
  return mounts;
}

std::map<std::string, std::string> parse_proc_cgroup(std::string_view text) {
  std::map<std::string, std::string> paths;
  for (std::string_view line : lines_of(text)) {
    size_t first = line.find(':');
    size_t second = first == std::string_view::npos ? first : line.find(':', first + 1);
    if (second == std::string_view::npos) continue;
    std::string_view names = line.substr(first + 1, second - first - 1);
    std::string path(line.substr(second + 1));
    if (names.empty()) {
      paths[""] = path;
      continue;
    }
    for (std::string_view name : split(names, ',')) paths[std::string(name)] = path;
  }
  return paths;
}

std::optional<CgroupLayout> v2_layout(const std::vector<CgroupMount>& mounts,
                                      const std::map<std::string, std::string>& own,
                                      std::string_view available_controllers) {
  auto path = own.find("");
  if (path == own.end()) return std::nullopt;
  std::string_view available = available_controllers;
  while (!available.empty() && available.back() == '\n') available.remove_suffix(1);
  for (std::string_view needed : {"memory", "cpu", "pids"}) {
    if (!has_word(available, needed, ' ')) return std::nullopt;
  }
  for (const CgroupMount& mount : mounts) {
    if (!mount.unified || !mount.writable) continue;
    if (auto dir = dir_under(mount, path->second)) {
      return CgroupLayout{CgroupVersion::V2, {{"", *dir}}};
    }
  }
  return std::nullopt;
}

std::optional<CgroupLayout> v1_layout(const std::vector<CgroupMount>& mounts,
                                      const std::map<std::string, std::string>& own) {
  CgroupLayout layout{CgroupVersion::V1, {}};
  for (const char* needed : {"memory", "cpu", "cpuacct", "pids"}) {
    auto path = own.find(needed);
    if (path == own.end()) return std::nullopt;
    for (const CgroupMount& mount : mounts) {
      bool serves = !mount.unified && mount.writable &&
                    std::find(mount.controllers.begin(), mount.controllers.end(), needed) !=
                        mount.controllers.end();
      if (!serves) continue;
      if (auto dir = dir_under(mount, path->second)) layout.own_dirs[needed] = *dir;
      break;
    }
    if (!layout.own_dirs.contains(needed)) return std::nullopt;
  }
  return layout;
}

std::vector<CgroupWrite> cgroup_writes(const ResourceSpec& resources, CgroupVersion version) {
  bool v2 = version == CgroupVersion::V2;
  std::string memory_controller = v2 ? "" : "memory";
  std::vector<CgroupWrite> writes;
  if (resources.memory) {
    writes.push_back({memory_controller, v2 ? "memory.max" : "memory.limit_in_bytes",
                      std::to_string(*resources.memory)});
  }
  if (resources.memory_swap) {
    if (v2) {
      uint64_t memory = resources.memory.value_or(0);
      uint64_t swap = *resources.memory_swap > memory ? *resources.memory_swap - memory : 0;
      writes.push_back({"", "memory.swap.max", std::to_string(swap)});
    } else {
      writes.push_back(
          {"memory", "memory.memsw.limit_in_bytes", std::to_string(*resources.memory_swap)});
    }
  }
  if (resources.cpus) {
    auto quota = static_cast<uint64_t>(*resources.cpus * kCpuPeriodMicros + 0.5);
    if (quota < 1000) quota = 1000;  // The kernel's minimum quota is 1ms.
    if (v2) {
      writes.push_back(
          {"", "cpu.max", std::to_string(quota) + " " + std::to_string(kCpuPeriodMicros)});
    } else {
      writes.push_back({"cpu", "cpu.cfs_period_us", std::to_string(kCpuPeriodMicros)});
      writes.push_back({"cpu", "cpu.cfs_quota_us", std::to_string(quota)});
    }
  }
  if (resources.pids) {
    writes.push_back({v2 ? "" : "pids", "pids.max", std::to_string(*resources.pids)});
  }
  return writes;
}

std::optional<uint64_t> keyed_counter(std::string_view text, std::string_view key) {
  for (std::string_view line : lines_of(text)) {
    if (line.size() > key.size() && line.starts_with(key) && line[key.size()] == ' ') {
      return number_of(line.substr(key.size() + 1));
    }
  }
  return std::nullopt;
}

std::optional<uint64_t> single_counter(std::string_view text) { return number_of(text); }

std::string render_size(uint64_t bytes) {
  constexpr const char* kUnits[] = {"K", "M", "G", "T"};
  std::string unit;
  for (const char* next : kUnits) {
    if (bytes == 0 || bytes % 1024 != 0) break;
    bytes /= 1024;
    unit = next;
  }
  return std::to_string(bytes) + unit;
}

std::string oom_reason(uint64_t memory_limit, CgroupVersion version) {
  std::string file = version == CgroupVersion::V2 ? "memory.max" : "memory.limit";
  return "OOM killed, " + file + "=" + render_size(memory_limit);
}

}  // namespace drover::core
