#include "core/role.h"

#include <gtest/gtest.h>

namespace drover::core {
namespace {

ServiceSpec service(std::string name, ServiceType type, std::vector<Dependency> deps = {}) {
  ServiceSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  spec.argv = {"/bin/" + spec.name};
  spec.depends_on = std::move(deps);
  return spec;
}

// The Bots EDI shape: init-db before everything, a web server and an engine
// that need the database service, a job queue.
Model bots() {
  Model model;
  model.source_file = "drover.yaml";
  model.services = {
      service("db", ServiceType::Longrun),
      service("init-db", ServiceType::Oneshot, {{"db", DependencyCondition::Started}}),
      service("config-gen", ServiceType::Oneshot),
      service("webserver", ServiceType::Longrun,
              {{"init-db", DependencyCondition::CompletedSuccessfully},
               {"db", DependencyCondition::Healthy},
               {"config-gen", DependencyCondition::CompletedSuccessfully}}),
      service("engine", ServiceType::Oneshot, {{"init-db", DependencyCondition::Started}}),
      service("shell", ServiceType::Longrun),
  };
  model.services[5].autostart = false;
  return model;
}

std::vector<std::string> names(const Model& model) {
  std::vector<std::string> out;
  for (const ServiceSpec& spec : model.services) {
    out.push_back(spec.name);
  }
  return out;
}

TEST(RoleTest, KeepsTheServiceAndItsOneshotsInDeclarationOrder) {
  Result<Model> role = role_model(bots(), "webserver", {});
  ASSERT_TRUE(role) << role.error().to_string();
  EXPECT_EQ(names(*role), (std::vector<std::string>{"init-db", "config-gen", "webserver"}));
  EXPECT_EQ(role->settings.role, "webserver");
  // The dropped longrun is no longer a dependency of anything kept.
  const ServiceSpec* web = role->find("webserver");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->depends_on.size(), 2u);
  EXPECT_TRUE(role->find("init-db")->depends_on.empty());
}

TEST(RoleTest, WithDepsKeepsLongrunsTransitively) {
  Result<Model> role = role_model(bots(), "webserver", {.extra_args = {}, .with_deps = true});
  ASSERT_TRUE(role);
  EXPECT_EQ(names(*role), (std::vector<std::string>{"db", "init-db", "config-gen", "webserver"}));
  EXPECT_EQ(role->find("init-db")->depends_on.size(), 1u);
}

TEST(RoleTest, TheRoleIsNeverRestartedAndGetsTheExtraArguments) {
  Model model = bots();
  model.services[3].restart = RestartPolicy::Always;
  Result<Model> role =
      role_model(model, "webserver",
                 {.extra_args = {"--port", "8080"}, .with_deps = false, .interactive = false});
  ASSERT_TRUE(role);
  const ServiceSpec* web = role->find("webserver");
  EXPECT_EQ(web->argv, (std::vector<std::string>{"/bin/webserver", "--port", "8080"}));
  EXPECT_EQ(web->restart, RestartPolicy::Never);
  EXPECT_EQ(web->start_retries, 0);
  EXPECT_FALSE(web->interactive);
  // Dependencies keep their own policies.
  EXPECT_EQ(role->find("init-db")->restart, model.services[1].restart);
}

TEST(RoleTest, AServiceThatDoesNotAutostartStillRunsAsARole) {
  Result<Model> role =
      role_model(bots(), "shell", {.extra_args = {}, .with_deps = false, .interactive = true});
  ASSERT_TRUE(role);
  EXPECT_EQ(names(*role), std::vector<std::string>{"shell"});
  EXPECT_TRUE(role->services[0].autostart);
  EXPECT_TRUE(role->services[0].interactive);
}

// A CronJob runs `drover run engine` at each due time: the run happens now,
// and the container ends with it instead of waiting for the next due time.
TEST(RoleTest, AScheduledRoleRunsOnceNowWhileItsScheduledOneshotsKeepTheirs) {
  Model model = bots();
  model.services[4].schedule.cron = "*/5 * * * *";
  model.services[1].schedule.cron = "@daily";
  Result<Model> role = role_model(model, "engine", {});
  ASSERT_TRUE(role);
  ASSERT_EQ(names(*role), (std::vector<std::string>{"init-db", "engine"}));
  EXPECT_FALSE(role->services[1].schedule.scheduled());
  EXPECT_TRUE(role->services[0].schedule.scheduled());
}

TEST(RoleTest, AOneshotRoleRunsAloneWhenItDependsOnLongrunsOnly) {
  Result<Model> role = role_model(bots(), "init-db", {});
  ASSERT_TRUE(role);
  EXPECT_EQ(names(*role), std::vector<std::string>{"init-db"});
  Result<Model> engine = role_model(bots(), "engine", {});
  ASSERT_TRUE(engine);
  EXPECT_EQ(names(*engine), (std::vector<std::string>{"init-db", "engine"}));
}

TEST(RoleTest, OneshotChainsAreFollowedButNotThroughDroppedLongruns) {
  Model model;
  model.services = {service("a", ServiceType::Oneshot),
                    service("b", ServiceType::Longrun, {{"a", DependencyCondition::Started}}),
                    service("c", ServiceType::Oneshot, {{"b", DependencyCondition::Started}}),
                    service("d", ServiceType::Oneshot, {{"c", DependencyCondition::Started}}),
                    service("e", ServiceType::Longrun, {{"d", DependencyCondition::Started}})};
  Result<Model> role = role_model(model, "e", {});
  ASSERT_TRUE(role);
  EXPECT_EQ(names(*role), (std::vector<std::string>{"c", "d", "e"}));
  Result<Model> all = role_model(model, "e", {.extra_args = {}, .with_deps = true});
  EXPECT_EQ(names(*all), (std::vector<std::string>{"a", "b", "c", "d", "e"}));
}

TEST(RoleTest, UnknownNamesSuggestTheClosest) {
  Result<Model> role = role_model(bots(), "websrver", {});
  ASSERT_FALSE(role);
  EXPECT_EQ(role.error().code, Errc::NotFound);
  EXPECT_EQ(role.error().message,
            "no service named \"websrver\" in drover.yaml; did you mean \"webserver\"?");
  EXPECT_EQ(role_model(bots(), "zzz", {}).error().message,
            "no service named \"zzz\" in drover.yaml");
}

TEST(RoleTest, ListsEveryServiceWithWhatRunsFirst) {
  std::vector<RoleInfo> roles = list_roles(bots());
  ASSERT_EQ(roles.size(), 6u);
  EXPECT_EQ(roles[3].name, "webserver");
  EXPECT_EQ(roles[3].runs_first, (std::vector<std::string>{"init-db", "config-gen"}));
  EXPECT_EQ(roles[1].name, "init-db");
  EXPECT_EQ(roles[1].type, ServiceType::Oneshot);
  EXPECT_TRUE(roles[1].runs_first.empty());
  EXPECT_EQ(roles[4].runs_first, std::vector<std::string>{"init-db"});
}

}  // namespace
}  // namespace drover::core
