#include "runtime/process/cgroup_tree.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::runtime {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// One write(2) per value: control files take a whole value per write.
bool write_text(const std::string& path, const std::string& value) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0) return false;
  return ::write(fd.get(), value.data(), value.size()) == static_cast<ssize_t>(value.size());
}

bool make_dir(const std::string& path) {
  return ::mkdir(path.c_str(), 0755) == 0 || errno == EEXIST;
}

std::optional<core::CgroupLayout> detect(const std::string& root_override) {
  auto mounts = core::parse_cgroup_mounts(read_text("/proc/self/mountinfo"));
  auto own = core::parse_proc_cgroup(read_text("/proc/self/cgroup"));
  std::optional<core::CgroupLayout> layout;
  if (auto unified = own.find(""); unified != own.end()) {
    for (const auto& mount : mounts) {
      if (!mount.unified) continue;
      std::string controllers =
          read_text(mount.mount_point + unified->second + "/cgroup.controllers");
      if ((layout = core::v2_layout(mounts, own, controllers))) break;
    }
  }
  if (!layout) layout = core::v1_layout(mounts, own);
  if (layout && !root_override.empty()) {
    for (auto& [controller, dir] : layout->own_dirs) dir = root_override;
  }
  return layout;
}

// v2's "no internal processes" rule: controllers can only be handed down
// from a cgroup without processes, so drover moves itself into a leaf
// beside its services. Fails (and drover falls back) when its own cgroup
// holds other processes too.
bool delegate_v2(const std::string& own, const std::string& mine) {
  std::string leaf = mine + "/supervisor";
  return make_dir(leaf) && write_text(leaf + "/cgroup.procs", "0") &&
         write_text(own + "/cgroup.subtree_control", "+memory +cpu +pids") &&
         write_text(mine + "/cgroup.subtree_control", "+memory +cpu +pids");
}

}  // namespace

std::optional<CgroupTree> CgroupTree::create(const std::string& root_override,
                                             std::string& why_not) {
  auto layout = detect(root_override);
  if (!layout) {
    why_not = "no writable cgroup v2 hierarchy with memory, cpu and pids, nor v1 controllers";
    return std::nullopt;
  }
  std::string name = "/drover-" + std::to_string(::getpid());
  core::CgroupLayout mine = *layout;
  for (auto& [controller, dir] : mine.own_dirs) {
    std::string own = dir;
    dir += name;
    if (!make_dir(dir)) {
      why_not = "cannot create " + dir + ": " + std::strerror(errno);
      return std::nullopt;
    }
    if (mine.version == core::CgroupVersion::V2 && !delegate_v2(own, dir)) {
      why_not = "cannot delegate controllers below " + own + ": " + std::strerror(errno);
      return std::nullopt;
    }
  }
  return CgroupTree(std::move(mine));
}

CgroupTree::~CgroupTree() {
  if (layout_.own_dirs.empty()) return;  // Moved from.
  for (const auto& [controller, dir] : layout_.own_dirs) {
    if (layout_.version == core::CgroupVersion::V2) {
      // drover leaves its leaf for its parent before the parent can go.
      std::string parent = dir.substr(0, dir.rfind('/'));
      write_text(parent + "/cgroup.procs", "0");
      ::rmdir((dir + "/supervisor").c_str());
    }
    ::rmdir(dir.c_str());
  }
}

std::string CgroupTree::dir(const std::string& controller, const std::string& service) const {
  auto found = layout_.own_dirs.find(controller);
  if (found == layout_.own_dirs.end()) return {};
  return found->second + "/" + service;
}

std::string CgroupTree::procs_path(const std::string& service) const {
  return dir(layout_.version == core::CgroupVersion::V2 ? "" : "pids", service) + "/cgroup.procs";
}

std::vector<std::string> CgroupTree::distinct_dirs(const std::string& service) const {
  std::vector<std::string> dirs;
  for (const auto& [controller, own] : layout_.own_dirs) {
    std::string path = own + "/" + service;
    if (std::find(dirs.begin(), dirs.end(), path) == dirs.end()) dirs.push_back(path);
  }
  return dirs;
}

std::string CgroupTree::add_service(const std::string& service,
                                    const core::ResourceSpec& resources) {
  for (const std::string& path : distinct_dirs(service)) {
    if (!make_dir(path)) return "cannot create " + path + ": " + std::strerror(errno);
  }
  for (const core::CgroupWrite& write : core::cgroup_writes(resources, layout_.version)) {
    std::string path = dir(write.controller, service) + "/" + write.file;
    bool optional = write.file == "memory.memsw.limit_in_bytes" || write.file == "memory.swap.max";
    if (optional && ::access(path.c_str(), F_OK) != 0) continue;  // No swap accounting.
    if (!write_text(path, write.value)) {
      return "cannot write " + write.value + " to " + path + ": " + std::strerror(errno);
    }
  }
  return {};
}

std::vector<UniqueFd> CgroupTree::open_procs(const std::string& service) const {
  std::vector<UniqueFd> fds;
  for (const std::string& path : distinct_dirs(service)) {
    UniqueFd fd(::open((path + "/cgroup.procs").c_str(), O_WRONLY | O_CLOEXEC));
    if (fd.get() >= 0) fds.push_back(std::move(fd));
  }
  return fds;
}

uint64_t CgroupTree::oom_kills(const std::string& service) const {
  bool v2 = layout_.version == core::CgroupVersion::V2;
  std::string text =
      read_text(dir(v2 ? "" : "memory", service) + (v2 ? "/memory.events" : "/memory.oom_control"));
  return core::keyed_counter(text, "oom_kill").value_or(0);
}

std::optional<uint64_t> CgroupTree::memory_bytes(const std::string& service) const {
  bool v2 = layout_.version == core::CgroupVersion::V2;
  return core::single_counter(read_text(dir(v2 ? "" : "memory", service) +
                                        (v2 ? "/memory.current" : "/memory.usage_in_bytes")));
}

std::optional<uint64_t> CgroupTree::cpu_micros(const std::string& service) const {
  if (layout_.version == core::CgroupVersion::V2) {
    return core::keyed_counter(read_text(dir("", service) + "/cpu.stat"), "usage_usec");
  }
  auto nanos = core::single_counter(read_text(dir("cpuacct", service) + "/cpuacct.usage"));
  if (!nanos) return std::nullopt;
  return *nanos / 1000;
}

void CgroupTree::kill_all(const std::string& service) const {
  if (layout_.version == core::CgroupVersion::V2 &&
      write_text(dir("", service) + "/cgroup.kill", "1")) {
    return;
  }
  // v1 (or a v2 kernel before 5.14): a process may fork between the read
  // and the kill, so repeat until the cgroup is empty; bounded, because a
  // killed process stays listed until it is reaped.
  std::string procs = procs_path(service);
  for (int round = 0; round < 100; ++round) {
    std::istringstream pids(read_text(procs));
    bool any = false;
    for (pid_t pid = 0; pids >> pid;) {
      any = ::kill(pid, SIGKILL) == 0 || any;
    }
    if (!any) return;
  }
}

bool CgroupTree::has_processes(const std::string& service) const {
  std::istringstream pids(read_text(procs_path(service)));
  pid_t pid = 0;
  return static_cast<bool>(pids >> pid);
}

namespace {

struct SharedTree {
  bool tried = false;
  std::optional<CgroupTree> tree;
  std::string why_not;
};

SharedTree& shared() {
  static SharedTree instance;  // Destroyed at exit, which removes drover's directory.
  if (!instance.tried) {
    instance.tried = true;
    const char* root = std::getenv("DROVER_CGROUP_ROOT");
    instance.tree = CgroupTree::create(root == nullptr ? "" : root, instance.why_not);
  }
  return instance;
}

}  // namespace

CgroupTree* service_cgroups() {
  SharedTree& tree = shared();
  return tree.tree ? &*tree.tree : nullptr;
}

const std::string& cgroups_unavailable_reason() { return shared().why_not; }

bool wants_cgroup(const core::ResourceSpec& resources) {
  return resources.memory || resources.memory_swap || resources.cpus || resources.pids;
}

void CgroupTree::remove_service(const std::string& service) const {
  for (const std::string& path : distinct_dirs(service)) ::rmdir(path.c_str());
}

}  // namespace drover::runtime
