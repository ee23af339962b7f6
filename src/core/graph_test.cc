#include "core/graph.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

namespace drover::core {
namespace {

using Names = std::vector<std::string>;

// A service named `name` that depends on `deps` (condition `started`).
ServiceSpec svc(std::string name, std::initializer_list<std::string> deps = {}) {
  ServiceSpec spec;
  spec.name = std::move(name);
  for (const std::string& dep : deps) {
    spec.depends_on.push_back({dep, DependencyCondition::Started});
  }
  return spec;
}

// The position of `name` in `order`, for "comes before" assertions.
size_t position(const Names& order, const std::string& name) {
  return static_cast<size_t>(std::find(order.begin(), order.end(), name) - order.begin());
}

TEST(GraphTest, NoDependenciesHaveNoCycle) {
  EXPECT_EQ(find_cycle({}), std::nullopt);
  EXPECT_EQ(find_cycle({svc("a"), svc("b")}), std::nullopt);
}

TEST(GraphTest, AcyclicGraphsHaveNoCycle) {
  EXPECT_EQ(find_cycle({svc("a", {"b"}), svc("b", {"c"}), svc("c")}), std::nullopt);
  // A diamond joins but does not loop.
  EXPECT_EQ(
      find_cycle({svc("top", {"l", "r"}), svc("l", {"base"}), svc("r", {"base"}), svc("base")}),
      std::nullopt);
}

TEST(GraphTest, FindsASelfLoop) { EXPECT_EQ(find_cycle({svc("a", {"a"})}), (Names{"a", "a"})); }

TEST(GraphTest, FindsATwoCycle) {
  EXPECT_EQ(find_cycle({svc("a", {"b"}), svc("b", {"a"})}), (Names{"a", "b", "a"}));
}

TEST(GraphTest, FindsAThreeCycle) {
  EXPECT_EQ(find_cycle({svc("a", {"b"}), svc("b", {"c"}), svc("c", {"a"})}),
            (Names{"a", "b", "c", "a"}));
}

TEST(GraphTest, CycleNamesOnlyItsMembersNotThePathToIt) {
  // entry -> a -> b -> a: the cycle starts at a.
  EXPECT_EQ(find_cycle({svc("entry", {"a"}), svc("a", {"b"}), svc("b", {"a"})}),
            (Names{"a", "b", "a"}));
}

TEST(GraphTest, FindsACycleNotReachableFromTheFirstService) {
  EXPECT_EQ(find_cycle({svc("web", {"db"}), svc("db"), svc("x", {"y"}), svc("y", {"x"})}),
            (Names{"x", "y", "x"}));
}

TEST(GraphTest, SkipsUnknownDependencies) {
  EXPECT_EQ(find_cycle({svc("a", {"missing"}), svc("b", {"a", "ghost"})}), std::nullopt);
  EXPECT_EQ(find_cycle({svc("a", {"missing", "b"}), svc("b", {"a"})}), (Names{"a", "b", "a"}));
}

TEST(GraphTest, AnswerFollowsDeclarationOrder) {
  // Two cycles: the one reached first in declaration order is reported,
  // entered from the first declared service on it.
  std::vector<ServiceSpec> services = {svc("p", {"q"}), svc("q", {"p"}), svc("m", {"n"}),
                                       svc("n", {"m"})};
  EXPECT_EQ(find_cycle(services), (Names{"p", "q", "p"}));
  std::reverse(services.begin(), services.end());
  EXPECT_EQ(find_cycle(services), (Names{"n", "m", "n"}));
}

TEST(GraphTest, SameInputGivesTheSameCycle) {
  std::vector<ServiceSpec> services = {svc("a", {"b", "c"}), svc("b", {"c"}), svc("c", {"a"})};
  std::optional<Names> first = find_cycle(services);
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, (Names{"a", "b", "c", "a"}));
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(find_cycle(services), first);
  }
}

TEST(GraphTest, FormatsACycleWithArrows) {
  EXPECT_EQ(format_cycle({"a", "b", "c", "a"}), "a -> b -> c -> a");
  EXPECT_EQ(format_cycle({"a", "a"}), "a -> a");
  EXPECT_EQ(format_cycle({}), "");
}

TEST(GraphTest, StartOrderOfIndependentServicesIsDeclarationOrder) {
  EXPECT_EQ(start_order({svc("c"), svc("a"), svc("b")}), (Names{"c", "a", "b"}));
  EXPECT_EQ(start_order({}), Names{});
}

TEST(GraphTest, StartOrderPutsDependenciesFirst) {
  EXPECT_EQ(start_order({svc("web", {"db"}), svc("db")}), (Names{"db", "web"}));
}

TEST(GraphTest, StartOrderFollowsAChain) {
  EXPECT_EQ(start_order({svc("a", {"b"}), svc("b", {"c"}), svc("c", {"d"}), svc("d")}),
            (Names{"d", "c", "b", "a"}));
}

TEST(GraphTest, StartOrderOfADiamond) {
  Names order = start_order(
      {svc("top", {"left", "right"}), svc("left", {"base"}), svc("right", {"base"}), svc("base")});
  EXPECT_EQ(order, (Names{"base", "left", "right", "top"}));
}

TEST(GraphTest, StartOrderBreaksTiesByDeclarationOrder) {
  // web and worker both wait for db; cron waits for nothing.
  Names order = start_order(
      {svc("worker", {"db"}), svc("web", {"db"}), svc("cron"), svc("db"), svc("proxy", {"web"})});
  EXPECT_EQ(order, (Names{"cron", "db", "worker", "web", "proxy"}));
}

TEST(GraphTest, StartOrderEveryDependencyComesFirst) {
  std::vector<ServiceSpec> services = {svc("e", {"d", "b"}), svc("d", {"c"}), svc("c", {"a"}),
                                       svc("b", {"a"}),      svc("a"),        svc("f", {"e", "a"})};
  Names order = start_order(services);
  ASSERT_EQ(order.size(), services.size());
  for (const ServiceSpec& spec : services) {
    for (const Dependency& dep : spec.depends_on) {
      EXPECT_LT(position(order, dep.name), position(order, spec.name))
          << dep.name << " before " << spec.name;
    }
  }
}

TEST(GraphTest, StartOrderIgnoresUnknownDependencies) {
  EXPECT_EQ(start_order({svc("web", {"ghost"}), svc("db")}), (Names{"web", "db"}));
}

TEST(GraphTest, StartOrderCountsADependencyListedTwiceOnce) {
  EXPECT_EQ(start_order({svc("web", {"db", "db"}), svc("db")}), (Names{"db", "web"}));
}

TEST(GraphTest, StartOrderLeavesOutServicesOnACycle) {
  // Outside the contract (REQUIRES: no cycle); what it does is still defined.
  EXPECT_EQ(start_order({svc("a", {"b"}), svc("b", {"a"}), svc("c")}), (Names{"c"}));
}

TEST(GraphTest, DependantsAreListedInDeclarationOrder) {
  Dependants dependants =
      dependants_of({svc("db"), svc("worker", {"db"}), svc("web", {"db", "cache"}), svc("cache")});
  EXPECT_EQ(dependants["db"], (Names{"worker", "web"}));
  EXPECT_EQ(dependants["cache"], (Names{"web"}));
  EXPECT_EQ(dependants["web"], Names{});
  EXPECT_EQ(dependants["worker"], Names{});
}

TEST(GraphTest, DependantsHaveAnEntryForEveryServiceAndNoUnknownName) {
  Dependants dependants = dependants_of({svc("a", {"ghost"}), svc("b")});
  EXPECT_EQ(dependants.size(), 2u);
  EXPECT_EQ(dependants.count("ghost"), 0u);
}

TEST(GraphTest, DependantListingADependencyTwiceAppearsOnce) {
  Dependants dependants = dependants_of(
      {svc("db"), svc("web", {"db", "cache", "db"}), svc("cache"), svc("api", {"db", "db"})});
  EXPECT_EQ(dependants["db"], (Names{"web", "api"}));
  EXPECT_EQ(dependants["cache"], (Names{"web"}));
}

}  // namespace
}  // namespace drover::core
