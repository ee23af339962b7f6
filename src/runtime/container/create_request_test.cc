#include "runtime/container/create_request.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

namespace drover::runtime {
namespace {

namespace json = boost::json;

core::ServiceSpec web() {
  core::ServiceSpec spec;
  spec.name = "web";
  spec.runtime = core::RuntimeKind::Container;
  spec.argv = {"serve", "--port", "80"};
  spec.env = {{"MODE", "prod"}};
  spec.user = "101";
  spec.stop_signal = 3;
  spec.stop_timeout = std::chrono::milliseconds(2500);
  spec.container.image = "drover-test/web:1";
  spec.container.volumes = {{"/srv/site", "/site", true, false}, {"cache", "/cache", false, true}};
  spec.container.ports = {{"127.0.0.1", 8080, 80, "tcp"}};
  spec.container.network = "backend";
  spec.container.labels = {{"team", "web"}};
  spec.container.memory_bytes = 1 << 20;
  spec.container.nano_cpus = 500'000'000;
  return spec;
}

TEST(CreateRequestTest, BodyCarriesTheSpecInEngineApiTerms) {
  json::object body = create_body(web(), "shop");
  json::object labels = body.at("Labels").as_object();
  std::string hash(labels.at("drover.config-hash").as_string());
  EXPECT_EQ(hash.size(), 16u);
  labels.erase("drover.config-hash");
  body["Labels"] = labels;
  EXPECT_EQ(body, json::parse(R"({
    "Image": "drover-test/web:1",
    "Cmd": ["serve", "--port", "80"],
    "Env": ["MODE=prod"],
    "User": "101",
    "StopSignal": "SIGQUIT",
    "StopTimeout": 3,
    "ExposedPorts": {"80/tcp": {}},
    "HostConfig": {
      "Binds": ["/srv/site:/site:ro", "cache:/cache"],
      "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "8080"}]},
      "NetworkMode": "backend",
      "Memory": 1048576,
      "NanoCpus": 500000000
    },
    "Labels": {"team": "web", "drover.project": "shop", "drover.service": "web"}
  })")
                      .as_object())
      << json::serialize(body);
}

TEST(CreateRequestTest, TheHashChangesWithTheConfigAndOnlyThen) {
  auto hash = [](const core::ServiceSpec& spec) {
    return std::string(create_body(spec, "shop").at("Labels").at("drover.config-hash").as_string());
  };
  core::ServiceSpec changed = web();
  changed.container.image = "drover-test/web:2";
  EXPECT_EQ(hash(web()), hash(web()));
  EXPECT_NE(hash(web()), hash(changed));
}

TEST(CreateRequestTest, WithoutOverridesTheImageDecides) {
  core::ServiceSpec spec;
  spec.name = "db";
  spec.container.image = "postgres";
  json::object body = create_body(spec, "p");
  EXPECT_FALSE(body.contains("Cmd"));
  EXPECT_FALSE(body.contains("Entrypoint"));
  EXPECT_FALSE(body.contains("User"));
  EXPECT_FALSE(body.at("HostConfig").as_object().contains("Memory"));
}

TEST(CreateRequestTest, NamesAreProjectDashServiceWithUnsafeCharactersReplaced) {
  EXPECT_EQ(container_name("shop", "web"), "shop-web");
  EXPECT_EQ(container_name("my app!", "db.1"), "my_app_-db.1");
  EXPECT_EQ(container_name(".hidden", "x"), "_hidden-x");
}

}  // namespace
}  // namespace drover::runtime
