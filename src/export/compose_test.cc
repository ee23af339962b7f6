// to_compose's mappings and warnings, on hand-built models.
#include "export/export.h"

#include <gtest/gtest.h>

namespace drover::exporter {
namespace {

core::ServiceSpec service(std::string name, core::ServiceType type = core::ServiceType::Longrun) {
  core::ServiceSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  return spec;
}

ExportResult run(std::vector<core::ServiceSpec> services) {
  core::Model model;
  model.services = std::move(services);
  return to_compose(model, {"img:1"});
}

TEST(ComposeExport, ALongrunHasReplicasResourcesHealthcheckAndConditions) {
  core::ServiceSpec web = service("web");
  web.replicas = 3;
  web.resources.cpus = 0.5;
  web.resources.memory = 512ull << 20;
  web.health.kind = core::ProbeKind::Tcp;
  web.health.tcp_address = ":80";
  web.health.start_period = std::chrono::seconds(20);
  web.depends_on = {{"init", core::DependencyCondition::CompletedSuccessfully},
                    {"db", core::DependencyCondition::Healthy},
                    {"cache", core::DependencyCondition::Started}};
  ExportResult result =
      run({service("init", core::ServiceType::Oneshot), service("db"), service("cache"), web});
  YAML::Node file = result.objects.at(0).body;
  EXPECT_EQ(file["version"].as<std::string>(), "3.8");
  YAML::Node out = file["services"]["web"];
  EXPECT_EQ(out["command"].as<std::vector<std::string>>(),
            (std::vector<std::string>{"drover", "run", "web"}));
  EXPECT_EQ(out["deploy"]["replicas"].as<int>(), 3);
  EXPECT_EQ(out["deploy"]["resources"]["limits"]["cpus"].as<std::string>(), "0.5");
  EXPECT_EQ(out["deploy"]["resources"]["limits"]["memory"].as<std::string>(), "512m");
  EXPECT_EQ(out["deploy"]["restart_policy"]["condition"].as<std::string>(), "any");
  EXPECT_EQ(out["healthcheck"]["test"].as<std::vector<std::string>>(),
            (std::vector<std::string>{"CMD", "drover", "health", "web"}));
  EXPECT_EQ(out["healthcheck"]["start_period"].as<std::string>(), "20s");
  EXPECT_EQ(out["depends_on"]["init"]["condition"].as<std::string>(),
            "service_completed_successfully");
  EXPECT_EQ(out["depends_on"]["db"]["condition"].as<std::string>(), "service_healthy");
  EXPECT_EQ(out["depends_on"]["cache"]["condition"].as<std::string>(), "service_started");
  EXPECT_TRUE(result.warnings.empty());
}

TEST(ComposeExport, AOneshotRunsOnceWithoutHealthcheck) {
  ExportResult result = run({service("init", core::ServiceType::Oneshot)});
  YAML::Node out = result.objects.at(0).body["services"]["init"];
  EXPECT_EQ(out["restart"].as<std::string>(), "no");
  EXPECT_EQ(out["deploy"]["restart_policy"]["condition"].as<std::string>(), "none");
  EXPECT_FALSE(out["healthcheck"]);
}

TEST(ComposeExport, SchedulesAndContainersAreWarningsAndNotDependedOn) {
  core::ServiceSpec engine = service("engine", core::ServiceType::Oneshot);
  engine.schedule.cron = "@hourly";
  core::ServiceSpec redis = service("redis");
  redis.runtime = core::RuntimeKind::Container;
  core::ServiceSpec api = service("api");
  api.depends_on = {{"redis", core::DependencyCondition::Healthy}};
  ExportResult result = run({engine, redis, api});
  YAML::Node services = result.objects.at(0).body["services"];
  EXPECT_FALSE(services["engine"]);
  EXPECT_FALSE(services["redis"]);
  EXPECT_FALSE(services["api"]["depends_on"]);
  ASSERT_EQ(result.warnings.size(), 3u);
  EXPECT_EQ(result.warnings[2].service, "api");
}

}  // namespace
}  // namespace drover::exporter
