// Valid configs produce exactly the expected Model: defaults, every command
// spelling, dependencies, oneshot defaults and expansion.
#include "config/config_test_util.h"
#include "config/env_file.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using core::DependencyCondition;
using core::RestartPolicy;
using core::ServiceType;
using test::error_lines;
using test::load;
using namespace std::chrono_literals;

// Loads `yaml` and asserts it has no errors.
core::Model load_ok(const std::string& yaml, const Environment& env = {}) {
  LoadResult result = load(yaml, env);
  EXPECT_EQ(error_lines(result), std::vector<std::string>{});
  return result.model.value_or(core::Model{});
}

const char kBriefExample[] = R"(
settings:
  control: /run/drover.sock      # unix socket of the control API
  shutdown_timeout: 30s
services:
  config-gen:
    type: oneshot
    command: ["python3", "gen.py", "--render", "/etc/envoy/envoy.yaml"]
  web:
    command: gunicorn app:wsgi --bind 0.0.0.0:8000
    depends_on: { config-gen: completed_successfully }
    restart: always
  worker:
    binary: /opt/worker/bin/worker     # hybrid-format spelling: binary + args
    args: ["--queue", "${QUEUE:-default}"]
    env: { LOG_LEVEL: debug, WORKERS: 4 }
    depends_on: [web]
)";

TEST(LoadValidTest, BriefExampleGivesTheModel) {
  core::Model model = load_ok(kBriefExample);
  EXPECT_EQ(model.source_file, "drover.yaml");
  EXPECT_EQ(model.settings.control, "/run/drover.sock");
  EXPECT_EQ(model.settings.shutdown_timeout, 30s);
  ASSERT_EQ(model.services.size(), 3u);

  const core::ServiceSpec& gen = model.services[0];
  EXPECT_EQ(gen.name, "config-gen");
  EXPECT_EQ(gen.type, ServiceType::Oneshot);
  EXPECT_EQ(gen.restart, RestartPolicy::Never);
  EXPECT_EQ(gen.argv,
            (std::vector<std::string>{"python3", "gen.py", "--render", "/etc/envoy/envoy.yaml"}));

  const core::ServiceSpec& web = model.services[1];
  EXPECT_EQ(web.argv, (std::vector<std::string>{"gunicorn", "app:wsgi", "--bind", "0.0.0.0:8000"}));
  EXPECT_EQ(web.restart, RestartPolicy::Always);
  EXPECT_EQ(
      web.depends_on,
      (std::vector<core::Dependency>{{"config-gen", DependencyCondition::CompletedSuccessfully}}));

  const core::ServiceSpec& worker = model.services[2];
  EXPECT_EQ(worker.argv,
            (std::vector<std::string>{"/opt/worker/bin/worker", "--queue", "default"}));
  EXPECT_EQ(worker.env, (EnvList{{"LOG_LEVEL", "debug"}, {"WORKERS", "4"}}));
  EXPECT_EQ(worker.depends_on,
            (std::vector<core::Dependency>{{"web", DependencyCondition::Started}}));
}

TEST(LoadValidTest, DefaultsMatchTheDocumentedOnes) {
  core::Model model = load_ok("services:\n  web:\n    command: sleep 1\n");
  core::ServiceSpec expected;
  expected.name = "web";
  expected.argv = {"sleep", "1"};
  ASSERT_EQ(model.services.size(), 1u);
  EXPECT_EQ(model.services[0], expected);
  EXPECT_EQ(expected.restart, RestartPolicy::Always);
  EXPECT_EQ(expected.success_exit_codes, std::vector<int>{0});
  EXPECT_EQ(expected.start_period, 1s);
  EXPECT_EQ(expected.start_retries, 3);
  EXPECT_EQ(expected.stop_signal, 15);
  EXPECT_EQ(expected.stop_timeout, 10s);
  EXPECT_FALSE(expected.required);
  EXPECT_TRUE(expected.autostart);
  EXPECT_EQ(model.settings.shutdown_timeout, 30s);
  EXPECT_EQ(model.settings.control, default_control_socket({}));
}

TEST(LoadValidTest, EveryServiceKeyIsRead) {
  core::Model model = load_ok(R"(
services:
  db:
    command: [postgres, -D, /data]
    working_dir: /var/lib/postgres
    user: 999
    group: postgres
    umask: 027
    type: longrun
    restart: on-failure
    success_exit_codes: [0, 2]
    start_period: 0
    start_retries: 0
    stop_signal: INT
    stop_timeout: 1m30s
    required: true
    autostart: false
)");
  ASSERT_EQ(model.services.size(), 1u);
  const core::ServiceSpec& db = model.services[0];
  EXPECT_EQ(db.argv, (std::vector<std::string>{"postgres", "-D", "/data"}));
  EXPECT_EQ(db.working_dir, "/var/lib/postgres");
  EXPECT_EQ(db.user, "999");
  EXPECT_EQ(db.group, "postgres");
  EXPECT_EQ(db.umask, 027u);
  EXPECT_EQ(db.type, ServiceType::Longrun);
  EXPECT_EQ(db.restart, RestartPolicy::OnFailure);
  EXPECT_EQ(db.success_exit_codes, (std::vector<int>{0, 2}));
  EXPECT_EQ(db.start_period, 0ms);
  EXPECT_EQ(db.start_retries, 0);
  EXPECT_EQ(db.stop_signal, 2);
  EXPECT_EQ(db.stop_timeout, 90s);
  EXPECT_TRUE(db.required);
  EXPECT_FALSE(db.autostart);
}

TEST(LoadValidTest, ReplicasAndItsAliasScale) {
  core::Model model = load_ok(
      "services:\n  a: {command: x, replicas: 3}\n  b: {command: x, scale: 0}\n"
      "  c: {command: x}\n");
  EXPECT_EQ(model.services[0].replicas, 3);
  EXPECT_EQ(model.services[1].replicas, 0);
  EXPECT_EQ(model.services[2].replicas, 1);
}

TEST(LoadValidTest, UmaskIsOctalWhetherQuotedOrNot) {
  core::Model model = load_ok(R"(
services:
  a: {command: x, umask: "0027"}
  b: {command: x, umask: 22}
  c: {command: x, umask: 0}
  d: {command: x, umask: 0777}
)");
  ASSERT_EQ(model.services.size(), 4u);
  EXPECT_EQ(model.services[0].umask, 027u);
  EXPECT_EQ(model.services[1].umask, 022u);
  EXPECT_EQ(model.services[2].umask, 0u);
  EXPECT_EQ(model.services[3].umask, 0777u);
}

TEST(LoadValidTest, StringCommandIsSplitLikeAShellWithoutOne) {
  core::Model model = load_ok(R"(
services:
  web:
    command: sh -c 'echo "$HOME" > /tmp/x' "two words" back\ slash
)");
  EXPECT_EQ(model.services[0].argv, (std::vector<std::string>{"sh", "-c", "echo \"$HOME\" > /tmp/x",
                                                              "two words", "back slash"}));
}

TEST(LoadValidTest, ShellTrueRunsTheStringThroughBinSh) {
  core::Model model = load_ok(R"(
services:
  loop:
    shell: true
    command: while true; do date; sleep 1; done | tee /tmp/log
)");
  EXPECT_EQ(model.services[0].argv,
            (std::vector<std::string>{"/bin/sh", "-c",
                                      "while true; do date; sleep 1; done | tee /tmp/log"}));
}

TEST(LoadValidTest, ShellFalseWithAListIsAllowed) {
  core::Model model = load_ok("services:\n  a:\n    shell: false\n    command: [ls, -l]\n");
  EXPECT_EQ(model.services[0].argv, (std::vector<std::string>{"ls", "-l"}));
}

TEST(LoadValidTest, BinaryWithoutArgsIsTheWholeArgv) {
  core::Model model = load_ok("services:\n  a:\n    binary: /usr/bin/top\n");
  EXPECT_EQ(model.services[0].argv, std::vector<std::string>{"/usr/bin/top"});
}

TEST(LoadValidTest, BinaryArgsAreNotSplit) {
  core::Model model = load_ok("services:\n  a:\n    binary: /bin/echo\n    args: ['a b', 'c']\n");
  EXPECT_EQ(model.services[0].argv, (std::vector<std::string>{"/bin/echo", "a b", "c"}));
}

TEST(LoadValidTest, DependsOnMapTakesEveryCondition) {
  core::Model model = load_ok(R"(
services:
  a: {command: x}
  b: {command: x}
  c: {type: oneshot, command: x}
  d:
    command: x
    depends_on: {a: started, b: healthy, c: completed_successfully}
)");
  EXPECT_EQ(model.services[3].depends_on,
            (std::vector<core::Dependency>{{"a", DependencyCondition::Started},
                                           {"b", DependencyCondition::Healthy},
                                           {"c", DependencyCondition::CompletedSuccessfully}}));
}

TEST(LoadValidTest, DependencyMayBeDeclaredLater) {
  core::Model model = load_ok("services:\n  a: {command: x, depends_on: [b]}\n  b: {command: x}\n");
  EXPECT_EQ(model.services[0].depends_on[0].name, "b");
  EXPECT_EQ(model.services[1].name, "b");
}

TEST(LoadValidTest, OneshotMayChooseItsRestartPolicy) {
  core::Model model = load_ok("services:\n  a: {type: oneshot, restart: on-failure, command: x}\n");
  EXPECT_EQ(model.services[0].restart, RestartPolicy::OnFailure);
}

TEST(LoadValidTest, EmptyOptionalSectionsAreFine) {
  core::Model model = load_ok(R"(
settings:
services:
  a:
    command: x
    env:
    depends_on:
)");
  ASSERT_EQ(model.services.size(), 1u);
  EXPECT_TRUE(model.services[0].env.empty());
  EXPECT_TRUE(model.services[0].depends_on.empty());
}

TEST(LoadValidTest, ServicesKeepDeclarationOrder) {
  core::Model model =
      load_ok("services:\n  zeta: {command: x}\n  alpha: {command: x}\n  mid: {command: x}\n");
  ASSERT_EQ(model.services.size(), 3u);
  EXPECT_EQ(model.services[0].name, "zeta");
  EXPECT_EQ(model.services[1].name, "alpha");
  EXPECT_EQ(model.services[2].name, "mid");
}

TEST(LoadValidTest, StopSignalAcceptsNamesAndNumbers) {
  core::Model model = load_ok(R"(
services:
  a: {command: x, stop_signal: SIGQUIT}
  b: {command: x, stop_signal: 9}
  c: {command: x, stop_signal: hup}
)");
  EXPECT_EQ(model.services[0].stop_signal, 3);
  EXPECT_EQ(model.services[1].stop_signal, 9);
  EXPECT_EQ(model.services[2].stop_signal, 1);
}

TEST(LoadValidTest, ServiceNamesMayUseDotsDashesAndUnderscores) {
  core::Model model = load_ok("services:\n  9web.v2_x-y: {command: x}\n  All: {command: x}\n");
  EXPECT_EQ(model.services[0].name, "9web.v2_x-y");
  EXPECT_EQ(model.services[1].name, "All");
}

}  // namespace
}  // namespace drover::config
