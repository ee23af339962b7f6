#pragma once

#include "core/model.h"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace drover::core {

// The first dependency cycle found, as names with the first repeated at the
// end: {"a", "b", "c", "a"}. Services are visited in declaration order, so the
// answer is deterministic. Unknown dependency names are skipped (the config
// validator reports them).
std::optional<std::vector<std::string>> find_cycle(const std::vector<ServiceSpec>& services);

// "a -> b -> c -> a"
std::string format_cycle(const std::vector<std::string>& cycle);

// Names ordered so that every service comes after everything it depends on;
// ties keep declaration order (Kahn's algorithm with a stable queue).
// REQUIRES: no cycle.
std::vector<std::string> start_order(const std::vector<ServiceSpec>& services);

// For each service, the services that depend on it, in declaration order.
using Dependants = std::unordered_map<std::string, std::vector<std::string>>;
Dependants dependants_of(const std::vector<ServiceSpec>& services);

}  // namespace drover::core
