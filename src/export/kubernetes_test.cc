// Every mapping of to_kubernetes and every warning, on hand-built models.
#include "export/export.h"
#include "export/values.h"

#include <gtest/gtest.h>

namespace drover::exporter {
namespace {

using core::ServiceSpec;

ServiceSpec longrun(std::string name) {
  ServiceSpec spec;
  spec.name = std::move(name);
  spec.argv = {"/bin/" + spec.name};
  return spec;
}

ServiceSpec oneshot(std::string name) {
  ServiceSpec spec = longrun(std::move(name));
  spec.type = core::ServiceType::Oneshot;
  spec.restart = core::RestartPolicy::Never;
  return spec;
}

ExportResult run(std::vector<ServiceSpec> services) {
  core::Model model;
  model.services = std::move(services);
  return to_kubernetes(model, {"img:1", "prod", "stack"});
}

const Manifest* find(const ExportResult& result, const std::string& kind) {
  for (const Manifest& object : result.objects) {
    if (object.kind == kind) {
      return &object;
    }
  }
  return nullptr;
}

YAML::Node pod_container(const Manifest& object) {
  YAML::Node spec = object.body["spec"];
  if (object.kind == "CronJob") {
    spec = spec["jobTemplate"]["spec"];
  }
  return spec["template"]["spec"]["containers"][0];
}

std::vector<std::string> words(const YAML::Node& list) {
  return list.as<std::vector<std::string>>();
}

TEST(KubernetesExport, ALongrunIsADeploymentRunningDroverRunWithItsReplicas) {
  ServiceSpec web = longrun("web");
  web.replicas = 3;
  ExportResult result = run({web});
  ASSERT_EQ(result.objects.size(), 1u);
  const Manifest& deployment = result.objects[0];
  EXPECT_EQ(deployment.kind, "Deployment");
  EXPECT_EQ(deployment.body["metadata"]["namespace"].as<std::string>(), "prod");
  EXPECT_EQ(deployment.body["spec"]["replicas"].as<int>(), 3);
  EXPECT_EQ(words(pod_container(deployment)["command"]),
            (std::vector<std::string>{"drover", "run", "web"}));
  EXPECT_EQ(pod_container(deployment)["image"].as<std::string>(), "img:1");
  EXPECT_EQ(deployment.body["spec"]["selector"]["matchLabels"]["app.kubernetes.io/part-of"]
                .as<std::string>(),
            "stack");
  EXPECT_TRUE(result.warnings.empty());
}

TEST(KubernetesExport, AServiceThatDoesNotAutostartHasZeroReplicas) {
  ServiceSpec shell = longrun("shell");
  shell.autostart = false;
  EXPECT_EQ(run({shell}).objects[0].body["spec"]["replicas"].as<int>(), 0);
}

TEST(KubernetesExport, AOneshotIsAJobItsDependantsDoNotWarnAbout) {
  ServiceSpec web = longrun("web");
  web.depends_on = {{"init-db", core::DependencyCondition::CompletedSuccessfully}};
  ExportResult result = run({oneshot("init-db"), web});
  const Manifest* job = find(result, "Job");
  ASSERT_NE(job, nullptr);
  EXPECT_EQ(job->body["spec"]["backoffLimit"].as<int>(), 3);
  EXPECT_EQ(job->body["spec"]["template"]["spec"]["restartPolicy"].as<std::string>(), "Never");
  EXPECT_TRUE(result.warnings.empty());
}

TEST(KubernetesExport, ADependencyOnALongrunIsAWarningNamingBoth) {
  ServiceSpec web = longrun("web");
  web.depends_on = {{"db", core::DependencyCondition::Healthy}};
  ExportResult result = run({longrun("db"), web});
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0].service, "web");
  EXPECT_NE(result.warnings[0].message.find("depends_on db"), std::string::npos);
}

TEST(KubernetesExport, AScheduleIsACronJobWithEveryField) {
  ServiceSpec engine = oneshot("engine");
  engine.schedule.cron = "*/5 * * * *";
  engine.schedule.timezone = "Europe/Berlin";
  engine.schedule.concurrency = core::ConcurrencyPolicy::Replace;
  engine.schedule.starting_deadline = std::chrono::seconds(90);
  engine.schedule.max_runtime = std::chrono::minutes(4);
  ExportResult result = run({engine});
  const Manifest& cron = result.objects.at(0);
  ASSERT_EQ(cron.kind, "CronJob");
  YAML::Node spec = cron.body["spec"];
  EXPECT_EQ(spec["schedule"].as<std::string>(), "*/5 * * * *");
  EXPECT_EQ(spec["timeZone"].as<std::string>(), "Europe/Berlin");
  EXPECT_EQ(spec["concurrencyPolicy"].as<std::string>(), "Replace");
  EXPECT_EQ(spec["startingDeadlineSeconds"].as<int>(), 90);
  EXPECT_EQ(spec["jobTemplate"]["spec"]["activeDeadlineSeconds"].as<int>(), 240);
  EXPECT_EQ(spec["jobTemplate"]["spec"]["backoffLimit"].as<int>(), 0);
}

TEST(KubernetesExport, ACronJobWithoutTimezoneIsUtcAndForbidsOverlapByDefault) {
  ServiceSpec engine = oneshot("engine");
  engine.schedule.cron = "@hourly";
  YAML::Node spec = run({engine}).objects.at(0).body["spec"];
  EXPECT_EQ(spec["timeZone"].as<std::string>(), "Etc/UTC");
  EXPECT_EQ(spec["concurrencyPolicy"].as<std::string>(), "Forbid");
  EXPECT_FALSE(spec["startingDeadlineSeconds"]);
}

TEST(KubernetesExport, AnIntervalThatNoCronCanSayIsAWarningNotACronJob) {
  ServiceSpec engine = oneshot("engine");
  engine.schedule.cron = "@every 90s";
  engine.schedule.expression.every = std::chrono::seconds(90);
  ExportResult result = run({engine});
  EXPECT_TRUE(result.objects.empty());
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].message.find("@every 90s"), std::string::npos);
}

TEST(KubernetesExport, AnHttpCheckIsThreeProbesAndAService) {
  ServiceSpec web = longrun("web");
  web.health.kind = core::ProbeKind::Http;
  web.health.http_url = "http://127.0.0.1:8080/healthz";
  web.health.start_period = std::chrono::seconds(25);
  web.health.success_threshold = 2;
  web.health.retries = 4;
  ExportResult result = run({web});
  YAML::Node c = pod_container(*find(result, "Deployment"));
  EXPECT_EQ(c["readinessProbe"]["httpGet"]["path"].as<std::string>(), "/healthz");
  EXPECT_EQ(c["readinessProbe"]["httpGet"]["port"].as<int>(), 8080);
  EXPECT_FALSE(c["readinessProbe"]["httpGet"]["host"]);
  EXPECT_EQ(c["readinessProbe"]["successThreshold"].as<int>(), 2);
  EXPECT_EQ(c["livenessProbe"]["successThreshold"].as<int>(), 1);
  EXPECT_EQ(c["livenessProbe"]["failureThreshold"].as<int>(), 4);
  EXPECT_EQ(c["startupProbe"]["failureThreshold"].as<int>(), 3 + 4);  // ceil(25/10) + retries.
  const Manifest* service = find(result, "Service");
  ASSERT_NE(service, nullptr);
  EXPECT_EQ(service->body["spec"]["ports"][0]["port"].as<int>(), 8080);
  EXPECT_EQ(service->body["spec"]["ports"][0]["name"].as<std::string>(), "tcp-8080");
}

TEST(KubernetesExport, ACheckWithoutRestartHasNoLivenessAndNoStartPeriodNoStartup) {
  ServiceSpec worker = longrun("worker");
  worker.health.kind = core::ProbeKind::Exec;
  worker.health.exec = {"test", "-f", "/tmp/alive"};
  worker.health.on_failure = core::HealthFailureAction::None;
  ExportResult result = run({worker});
  YAML::Node c = pod_container(result.objects.at(0));
  EXPECT_EQ(words(c["readinessProbe"]["exec"]["command"]),
            (std::vector<std::string>{"test", "-f", "/tmp/alive"}));
  EXPECT_FALSE(c["livenessProbe"]);
  EXPECT_FALSE(c["startupProbe"]);
  EXPECT_EQ(find(result, "Service"), nullptr);  // An exec check declares no port.
}

TEST(KubernetesExport, ATcpCheckToAnotherHostKeepsTheHostAndDeclaresNoPort) {
  ServiceSpec proxy = longrun("proxy");
  proxy.health.kind = core::ProbeKind::Tcp;
  proxy.health.tcp_address = "db.internal:5432";
  ExportResult result = run({proxy});
  YAML::Node c = pod_container(result.objects.at(0));
  EXPECT_EQ(c["livenessProbe"]["tcpSocket"]["host"].as<std::string>(), "db.internal");
  EXPECT_EQ(c["livenessProbe"]["tcpSocket"]["port"].as<int>(), 5432);
  EXPECT_EQ(find(result, "Service"), nullptr);
}

TEST(KubernetesExport, ReadyNotifyIsAnExecProbeOfDroverHealth) {
  ServiceSpec queue = longrun("queue");
  queue.ready.kind = core::ReadinessKind::Notify;
  YAML::Node c = pod_container(run({queue}).objects.at(0));
  EXPECT_EQ(words(c["readinessProbe"]["exec"]["command"]),
            (std::vector<std::string>{"drover", "health", "queue"}));
  EXPECT_FALSE(c["livenessProbe"]);
}

TEST(KubernetesExport, CustomHttpStatusesAreAWarning) {
  ServiceSpec web = longrun("web");
  web.health.kind = core::ProbeKind::Http;
  web.health.http_url = "http://127.0.0.1:80/";
  web.health.http_status = {200, 204};
  ExportResult result = run({web});
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].message.find("health.status"), std::string::npos);
}

TEST(KubernetesExport, ResourcesAreRequestsAndLimits) {
  ServiceSpec web = longrun("web");
  web.resources.memory = 512ull << 20;
  web.resources.cpus = 0.25;
  YAML::Node resources = pod_container(run({web}).objects.at(0))["resources"];
  for (const char* which : {"requests", "limits"}) {
    EXPECT_EQ(resources[which]["memory"].as<std::string>(), "512Mi");
    EXPECT_EQ(resources[which]["cpu"].as<std::string>(), "250m");
  }
}

TEST(KubernetesExport, EnvIsAConfigMapAndEnvFileASecretReferenceThatWins_First) {
  ServiceSpec web = longrun("web");
  web.env = {{"TOKEN", "from-file"}, {"PORT", "8080"}};
  web.env_file = "/srv/app/secrets.env";
  web.env_file_names = {"TOKEN"};
  ExportResult result = run({web});
  const Manifest* map = find(result, "ConfigMap");
  ASSERT_NE(map, nullptr);
  EXPECT_EQ(map->name, "web-env");
  EXPECT_EQ(map->body["data"]["PORT"].as<std::string>(), "8080");
  EXPECT_FALSE(map->body["data"]["TOKEN"]);  // Secrets stay out of manifests.
  YAML::Node from = pod_container(*find(result, "Deployment"))["envFrom"];
  EXPECT_EQ(from[0]["secretRef"]["name"].as<std::string>(), "web-env-file");
  EXPECT_EQ(from[1]["configMapRef"]["name"].as<std::string>(), "web-env");
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_NE(result.warnings[0].message.find("--from-env-file=secrets.env"), std::string::npos);
}

TEST(KubernetesExport, AContainerServiceRunsItsOwnImage) {
  ServiceSpec redis = longrun("redis");
  redis.runtime = core::RuntimeKind::Container;
  redis.argv = {"redis-server", "--save", ""};
  redis.container.image = "redis:7";
  redis.container.entrypoint = std::vector<std::string>{"docker-entrypoint.sh"};
  redis.container.ports = {{"", 16379, 6379, "tcp"}};
  redis.container.memory_bytes = 256ull << 20;
  redis.container.labels = {{"tier", "cache"}};
  redis.container.pull = core::PullPolicy::Always;
  ExportResult result = run({redis});
  const Manifest& deployment = *find(result, "Deployment");
  YAML::Node c = pod_container(deployment);
  EXPECT_EQ(c["image"].as<std::string>(), "redis:7");
  EXPECT_EQ(c["imagePullPolicy"].as<std::string>(), "Always");
  EXPECT_EQ(words(c["command"]), std::vector<std::string>{"docker-entrypoint.sh"});
  EXPECT_EQ(words(c["args"]), (std::vector<std::string>{"redis-server", "--save", ""}));
  EXPECT_EQ(c["ports"][0]["containerPort"].as<int>(), 6379);
  EXPECT_EQ(c["resources"]["limits"]["memory"].as<std::string>(), "256Mi");
  EXPECT_EQ(deployment.body["spec"]["template"]["metadata"]["labels"]["tier"].as<std::string>(),
            "cache");
  EXPECT_EQ(find(result, "Service")->body["spec"]["ports"][0]["port"].as<int>(), 6379);
  EXPECT_TRUE(result.warnings.empty());
}

TEST(KubernetesExport, WhatAContainerCannotTakeAlongIsAWarningEach) {
  ServiceSpec app = longrun("app");
  app.runtime = core::RuntimeKind::Container;
  app.container.image = "app";
  app.container.volumes = {{"/srv/data", "/data", false, false}};
  app.container.network = "backend";
  app.user = "1000";
  EXPECT_EQ(run({app}).warnings.size(), 3u);
}

TEST(KubernetesExport, ARemoteServiceIsAWarningAndNoObject) {
  ServiceSpec remote = longrun("far");
  remote.runtime = core::RuntimeKind::Remote;
  ExportResult result = run({remote});
  EXPECT_TRUE(result.objects.empty());
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(result.warnings[0].service, "far");
}

TEST(KubernetesExport, NamesBecomeDnsLabelsWithAWarning) {
  ExportResult result = run({longrun("Web_UI")});
  EXPECT_EQ(result.objects.at(0).name, "web-ui");
  ASSERT_EQ(result.warnings.size(), 1u);
  EXPECT_EQ(words(pod_container(result.objects[0])["command"])[2], "Web_UI");  // drover's name.
}

TEST(KubernetesExport, ReplicasOnAOneshotAreAWarning) {
  ServiceSpec init = oneshot("init");
  init.replicas = 2;
  EXPECT_EQ(run({init}).warnings.size(), 1u);
}

TEST(KubernetesExport, RenderQuotesStringsThatLookTypedAndNotNumbers) {
  ServiceSpec web = longrun("web");
  web.env = {{"PORT", "8080"}, {"DEBUG", "true"}, {"NAME", "shop"}, {"EMPTY", ""}};
  web.replicas = 2;
  std::string text = render(run({web}).objects);
  EXPECT_NE(text.find("PORT: \"8080\""), std::string::npos) << text;
  EXPECT_NE(text.find("DEBUG: \"true\""), std::string::npos);
  EXPECT_NE(text.find("NAME: shop"), std::string::npos);
  EXPECT_NE(text.find("EMPTY: \"\""), std::string::npos);
  EXPECT_NE(text.find("replicas: 2\n"), std::string::npos);
  EXPECT_EQ(text.rfind("---\n", 0), 0u);
}

TEST(ExportValues, Conversions) {
  EXPECT_EQ(dns_label("My_Service.v2"), "my-service-v2");
  EXPECT_EQ(dns_label("__"), "service");
  EXPECT_EQ(memory_quantity(1ull << 30), "1Gi");
  EXPECT_EQ(memory_quantity(1500), "1500");
  EXPECT_EQ(memory_quantity(3 * 1024), "3Ki");
  EXPECT_EQ(cpu_quantity(2), "2");
  EXPECT_EQ(cpu_quantity(0.0001), "1m");
  EXPECT_EQ(whole_seconds(std::chrono::milliseconds(1500)), 2);
  EXPECT_EQ(whole_seconds(std::chrono::milliseconds(0)), 1);
  core::ScheduleSpec every;
  every.cron = "@every 15m";
  every.expression.every = std::chrono::minutes(15);
  EXPECT_EQ(cron_for_orchestrator(every), "*/15 * * * *");
  every.expression.every = std::chrono::hours(6);
  EXPECT_EQ(cron_for_orchestrator(every), "0 */6 * * *");
  every.expression.every = std::chrono::hours(24);
  EXPECT_EQ(cron_for_orchestrator(every), "0 0 * * *");
  every.expression.every = std::chrono::minutes(7);
  EXPECT_EQ(cron_for_orchestrator(every), std::nullopt);
}

}  // namespace
}  // namespace drover::exporter
