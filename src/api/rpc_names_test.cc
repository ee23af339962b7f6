#include "api/rpc_names.h"

#include <gtest/gtest.h>

namespace drover::api::rpc {
namespace {

core::ServiceView view(std::string name, std::string group) {
  core::ServiceView v;
  v.name = std::move(name);
  v.group = std::move(group);
  return v;
}

TEST(RpcNames, GroupsAddressLikeSupervisorctl) {
  std::vector<core::ServiceView> views = {view("app:web", "app"), view("worker", "app"),
                                          view("db", "db"), view("solo", "")};
  EXPECT_EQ(namespec(views[0]), "app:web");
  EXPECT_EQ(process_name(views[0]), "web");
  EXPECT_EQ(namespec(views[1]), "app:worker");
  EXPECT_EQ(namespec(views[2]), "db");
  EXPECT_EQ(namespec(views[3]), "solo");

  auto web = find_target(views, "app:web");
  ASSERT_TRUE(std::holds_alternative<Target>(web));
  EXPECT_EQ(std::get<Target>(web).process, &views[0]);
  auto group = find_target(views, "app:*");
  ASSERT_TRUE(std::holds_alternative<Target>(group));
  EXPECT_EQ(std::get<Target>(group).process, nullptr);
  ASSERT_EQ(std::get<Target>(group).members.size(), 2u);
  EXPECT_EQ(std::get<Target>(group).members[0], &views[0]);  // Sorted by process name.
  auto db = find_target(views, "db");
  ASSERT_TRUE(std::holds_alternative<Target>(db));
  EXPECT_EQ(std::get<Target>(db).process, &views[2]);
  // A group name alone names the process of that name in it, as in supervisord.
  EXPECT_EQ(std::get<Fault>(find_target(views, "app")).code, kBadName);
  EXPECT_EQ(std::get<Fault>(find_target(views, "app:nope")).message, "BAD_NAME: app:nope");
  EXPECT_EQ(std::get<Fault>(find_target(views, "nope:*")).code, kBadName);
  // drover's own service names work too.
  auto worker = find_target(views, "worker");
  ASSERT_TRUE(std::holds_alternative<Target>(worker));
  EXPECT_EQ(std::get<Target>(worker).process, &views[1]);
}

TEST(RpcNames, DescriptionsAreSupervisords) {
  core::ServiceView running = view("web", "");
  running.state = core::State::Running;
  running.pid = 12;
  running.started_at = 1000;
  Value info = process_info(running, 1000 + 86400 + 3723);
  EXPECT_TRUE(*info.member("description") == Value("pid 12, uptime 1 day, 1:02:03"));
  core::ServiceView fatal = view("crash", "");
  fatal.state = core::State::Fatal;
  fatal.spawn_error = "exited too quickly (exit status 3); gave up after 1 attempts";
  info = process_info(fatal, 0);
  EXPECT_TRUE(*info.member("description") ==
              Value("Exited too quickly (process log may have details)"));
  EXPECT_TRUE(*info.member("state") == Value(200));
  core::ServiceView never = view("lazy", "");
  EXPECT_TRUE(*process_info(never, 0).member("description") == Value("Not started"));
}

}  // namespace
}  // namespace drover::api::rpc
