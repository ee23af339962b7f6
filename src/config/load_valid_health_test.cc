// Valid health, readiness and watchdog settings and their defaults.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const core::ServiceSpec& only_service(const LoadResult& result) {
  EXPECT_EQ(test::error_lines(result), std::vector<std::string>{});
  static core::ServiceSpec empty;
  return result.model ? result.model->services.at(0) : empty;
}

TEST(LoadHealthTest, DefaultsWithoutHealth) {
  LoadResult result = test::load("services:\n  web:\n    command: x\n");
  const core::ServiceSpec& web = only_service(result);
  EXPECT_EQ(web.health.kind, core::ProbeKind::None);
  EXPECT_EQ(web.ready.kind, core::ReadinessKind::None);
}

TEST(LoadHealthTest, HttpProbeWithEveryKey) {
  LoadResult result = test::load(
      "services:\n  web:\n    command: x\n    health:\n      http: http://127.0.0.1:8080/h\n"
      "      status: [200, 204]\n      interval: 2s\n      timeout: 500ms\n      retries: 5\n"
      "      start_period: 30s\n      success_threshold: 2\n      on_failure: none\n");
  const core::HealthSpec& health = only_service(result).health;
  EXPECT_EQ(health.kind, core::ProbeKind::Http);
  EXPECT_EQ(health.http_url, "http://127.0.0.1:8080/h");
  EXPECT_EQ(health.http_status, (std::vector<int>{200, 204}));
  EXPECT_EQ(health.interval, seconds(2));
  EXPECT_EQ(health.timeout, milliseconds(500));
  EXPECT_EQ(health.retries, 5);
  EXPECT_EQ(health.start_period, seconds(30));
  EXPECT_EQ(health.success_threshold, 2);
  EXPECT_EQ(health.on_failure, core::HealthFailureAction::None);
}

TEST(LoadHealthTest, DefaultsOfAProbe) {
  LoadResult result = test::load("services:\n  web:\n    command: x\n    health: {tcp: ':80'}\n");
  const core::HealthSpec& health = only_service(result).health;
  EXPECT_EQ(health.kind, core::ProbeKind::Tcp);
  EXPECT_EQ(health.tcp_address, ":80");
  EXPECT_EQ(health.interval, seconds(10));
  EXPECT_EQ(health.timeout, seconds(5));
  EXPECT_EQ(health.retries, 3);
  EXPECT_EQ(health.start_period, seconds(0));
  EXPECT_EQ(health.success_threshold, 1);
  EXPECT_EQ(health.on_failure, core::HealthFailureAction::Restart);
}

TEST(LoadHealthTest, OneshotDefaultsToNoRestart) {
  LoadResult result = test::load(
      "services:\n  job:\n    type: oneshot\n    command: x\n    health: {exec: 'true'}\n");
  EXPECT_EQ(only_service(result).health.on_failure, core::HealthFailureAction::None);
}

TEST(LoadHealthTest, ExecAsStringIsSplitLikeCommand) {
  LoadResult result = test::load(
      "services:\n  web:\n    command: x\n    health:\n      exec: pg_isready -h 'local host'\n");
  EXPECT_EQ(only_service(result).health.exec,
            (std::vector<std::string>{"pg_isready", "-h", "local host"}));
}

TEST(LoadHealthTest, ExecAsList) {
  LoadResult result = test::load(
      "services:\n  web:\n    command: x\n    health:\n      exec: [sh, -c, 'exit 0']\n");
  EXPECT_EQ(only_service(result).health.exec, (std::vector<std::string>{"sh", "-c", "exit 0"}));
}

TEST(LoadHealthTest, ReadyNotifyWithWatchdog) {
  LoadResult result =
      test::load("services:\n  web:\n    command: x\n    ready: notify\n    watchdog: 30s\n");
  const core::ReadySpec& ready = only_service(result).ready;
  EXPECT_EQ(ready.kind, core::ReadinessKind::Notify);
  EXPECT_EQ(ready.watchdog, seconds(30));
}

TEST(LoadHealthTest, ReadyFd) {
  LoadResult result = test::load("services:\n  web:\n    command: x\n    ready: {fd: 5}\n");
  const core::ReadySpec& ready = only_service(result).ready;
  EXPECT_EQ(ready.kind, core::ReadinessKind::Fd);
  EXPECT_EQ(ready.fd, 5);
}

}  // namespace
}  // namespace drover::config
