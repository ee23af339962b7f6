// The dependency graph: cycle detection (with the cycle named, because "cycle
// detected" alone sends the user hunting) and a stable topological order.
#include "core/graph.h"

#include <algorithm>
#include <deque>

namespace drover::core {
namespace {

enum class Mark { None, InProgress, Done };

struct CycleSearch {
  const std::vector<ServiceSpec>& services;
  std::unordered_map<std::string, const ServiceSpec*> by_name;
  std::unordered_map<std::string, Mark> marks;
  std::vector<std::string> path;

  // Depth-first search; returns the cycle when `name` closes one.
  std::optional<std::vector<std::string>> visit(const std::string& name) {
    auto found = by_name.find(name);
    if (found == by_name.end()) {
      return std::nullopt;
    }
    Mark& mark = marks[name];
    if (mark == Mark::Done) {
      return std::nullopt;
    }
    if (mark == Mark::InProgress) {
      auto start = std::find(path.begin(), path.end(), name);
      std::vector<std::string> cycle(start, path.end());
      cycle.push_back(name);
      return cycle;
    }
    mark = Mark::InProgress;
    path.push_back(name);
    for (const Dependency& dep : found->second->depends_on) {
      if (auto cycle = visit(dep.name)) {
        return cycle;
      }
    }
    path.pop_back();
    marks[name] = Mark::Done;
    return std::nullopt;
  }
};

}  // namespace

std::optional<std::vector<std::string>> find_cycle(const std::vector<ServiceSpec>& services) {
  CycleSearch search{services, {}, {}, {}};
  for (const ServiceSpec& spec : services) {
    search.by_name.emplace(spec.name, &spec);
  }
  for (const ServiceSpec& spec : services) {
    if (auto cycle = search.visit(spec.name)) {
      return cycle;
    }
  }
  return std::nullopt;
}

std::string format_cycle(const std::vector<std::string>& cycle) {
  std::string out;
  for (const std::string& name : cycle) {
    if (!out.empty()) {
      out += " -> ";
    }
    out += name;
  }
  return out;
}

std::vector<std::string> start_order(const std::vector<ServiceSpec>& services) {
  // Unmet known dependencies per service, counted from the deduplicated
  // edges, so that a dependency listed twice is released once.
  Dependants dependants = dependants_of(services);
  std::unordered_map<std::string, size_t> pending;
  for (const ServiceSpec& spec : services) {
    pending[spec.name];
  }
  for (const auto& [name, users] : dependants) {
    for (const std::string& user : users) {
      pending[user] += 1;
    }
  }
  std::deque<std::string> ready;
  for (const ServiceSpec& spec : services) {
    if (pending[spec.name] == 0) {
      ready.push_back(spec.name);
    }
  }
  std::vector<std::string> order;
  while (!ready.empty()) {
    std::string name = std::move(ready.front());
    ready.pop_front();
    for (const std::string& dependant : dependants[name]) {
      if (--pending[dependant] == 0) {
        ready.push_back(dependant);
      }
    }
    order.push_back(std::move(name));
  }
  return order;
}

Dependants dependants_of(const std::vector<ServiceSpec>& services) {
  Dependants result;
  for (const ServiceSpec& spec : services) {
    result[spec.name];
  }
  for (const ServiceSpec& spec : services) {
    for (const Dependency& dep : spec.depends_on) {
      auto found = result.find(dep.name);
      if (found != result.end()) {
        // One edge per pair even if the dependency is listed twice.
        if (found->second.empty() || found->second.back() != spec.name) {
          found->second.push_back(spec.name);
        }
      }
    }
  }
  return result;
}

}  // namespace drover::core
