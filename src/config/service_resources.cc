// A service's `resources:` map -> core::ResourceSpec. Sizes use the log
// sizes' syntax (256MiB, 1GB); cpus is a positive decimal (0.5, 2).
#include "config/field_reader.h"
#include "config/service_reader.h"

#include <climits>

#include <charconv>

namespace drover::config {
namespace {

constexpr uint64_t kMinMemory = 1024 * 1024;

std::optional<uint64_t> read_memory(const Node& value, const std::string& field, Errors& errors) {
  std::optional<uint64_t> size = read_size(value, field, errors);
  if (size && *size < kMinMemory) {
    errors.push_back(
        config_error(value.at, field, "must be at least 1MiB, got \"" + value.text + "\""));
    return std::nullopt;
  }
  return size;
}

std::optional<double> read_cpus(const Node& value, const std::string& field, Errors& errors) {
  if (!value.is_scalar()) {
    errors.push_back(config_error(value.at, field,
                                  "expected a number of CPUs such as 0.5, got " + describe(value)));
    return std::nullopt;
  }
  double cpus = 0;
  const std::string& text = value.text;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), cpus);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !(cpus > 0) ||
      cpus > 4096) {
    errors.push_back(config_error(
        value.at, field,
        "expected a number of CPUs more than 0 such as 0.5 or 2, got \"" + text + "\""));
    return std::nullopt;
  }
  return cpus;
}

std::optional<uint64_t> read_count(const Node& value, const std::string& field, Errors& errors) {
  std::optional<int> count = read_int(value, field, 1, INT_MAX, "", errors);
  if (!count) {
    return std::nullopt;
  }
  return static_cast<uint64_t>(*count);
}

}  // namespace

void read_resources(const Node& service, const std::string& field, core::ServiceSpec& spec,
                    Errors& errors) {
  static const std::vector<std::string> kKeys = {"memory", "memory_swap", "cpus", "pids", "nofile"};
  const MapEntry* entry = find_entry(service, "resources");
  if (entry == nullptr) {
    return;
  }
  std::string where = join_field(field, "resources");
  const Node& map = entry->value;
  if (!expect_kind(map, Node::Kind::Map, where,
                   "a map with memory, memory_swap, cpus, pids, nofile", errors)) {
    return;
  }
  check_keys(map, where, kKeys, errors);
  core::ResourceSpec& resources = spec.resources;
  if (const MapEntry* memory = find_entry(map, "memory")) {
    resources.memory = read_memory(memory->value, join_field(where, "memory"), errors);
  }
  if (const MapEntry* swap = find_entry(map, "memory_swap")) {
    resources.memory_swap = read_memory(swap->value, join_field(where, "memory_swap"), errors);
    if (resources.memory_swap && resources.memory && *resources.memory_swap < *resources.memory) {
      errors.push_back(config_error(swap->value.at, join_field(where, "memory_swap"),
                                    "is memory plus swap, so it cannot be less than memory"));
      resources.memory_swap.reset();
    }
  }
  if (const MapEntry* cpus = find_entry(map, "cpus")) {
    resources.cpus = read_cpus(cpus->value, join_field(where, "cpus"), errors);
  }
  if (const MapEntry* pids = find_entry(map, "pids")) {
    resources.pids = read_count(pids->value, join_field(where, "pids"), errors);
  }
  if (const MapEntry* nofile = find_entry(map, "nofile")) {
    resources.nofile = read_count(nofile->value, join_field(where, "nofile"), errors);
  }
}

}  // namespace drover::config
