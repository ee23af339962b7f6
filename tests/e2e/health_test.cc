// Health checks through the real binary, against real listeners: an http
// probe against python3 -m http.server, tcp probes against a socket drover's
// service opens (and one nobody opens), exec probes with timeouts, liveness
// restarts, depends_on healthy, and GET /health / `drover health`
// transitions including the scheduler case (kill it -> 503 -> restarted -> 200).
#include "harness/drover_instance.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

// A TCP port that was free a moment ago (bound to port 0, then closed).
int free_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

std::string string_field(DroverInstance& drover, const std::string& name,
                         const std::string& field) {
  boost::json::object service = drover.service(name);
  const boost::json::value* value = service.if_contains(field);
  return value && value->is_string() ? std::string(value->as_string()) : "";
}

int64_t int_field(DroverInstance& drover, const std::string& name, const std::string& field) {
  boost::json::object service = drover.service(name);
  const boost::json::value* value = service.if_contains(field);
  return value && value->is_int64() ? value->as_int64() : -1;
}

bool wait_health(DroverInstance& drover, const std::string& name, const std::string& health,
                 std::chrono::milliseconds deadline = std::chrono::seconds(20)) {
  return wait_until([&] { return string_field(drover, name, "health") == health; }, deadline);
}

TEST(HealthTest, HttpProbeAgainstARealServerIsHealthyWithOutputAndLatency) {
  DroverInstance drover;
  int port = free_port();
  drover.write_config("services:\n  web:\n    command: python3 -m http.server --bind 127.0.0.1 " +
                      std::to_string(port) +
                      "\n    working_dir: @DIR@\n    health:\n      http: http://127.0.0.1:" +
                      std::to_string(port) + "/\n      interval: 200ms\n      retries: 50\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_health(drover, "web", "healthy"))
      << boost::json::serialize(drover.services_json());
  EXPECT_EQ(string_field(drover, "web", "health_output").substr(0, 8), "HTTP 200");
  EXPECT_GE(int_field(drover, "web", "probe_latency_ms"), 0);
  EXPECT_GT(int_field(drover, "web", "probe_at"), 0);
  CommandResult status = drover.cli({"status"});
  EXPECT_NE(status.out.find("healthy (HTTP 200"), std::string::npos) << status.out;
}

TEST(HealthTest, HttpStatusOutsideTheListFails) {
  DroverInstance drover;
  int port = free_port();
  drover.write_config(
      "services:\n  web:\n    command: python3 -m http.server --bind 127.0.0.1 " +
      std::to_string(port) +
      "\n    working_dir: @DIR@\n    health:\n      http: http://127.0.0.1:" +
      std::to_string(port) +
      "/missing\n      interval: 200ms\n      retries: 2\n      on_failure: none\n");
  ASSERT_TRUE(drover.start());
  // Probes before the server listens fail with "Connection refused" first;
  // either way two failures in a row make it unhealthy, and then the 404 shows.
  ASSERT_TRUE(wait_until(
      [&] {
        return string_field(drover, "web", "health") == "unhealthy" &&
               string_field(drover, "web", "health_output").substr(0, 8) == "HTTP 404";
      },
      seconds(20)))
      << boost::json::serialize(drover.services_json());
  EXPECT_EQ(int_field(drover, "web", "restarts"), 0);  // on_failure: none.
}

TEST(HealthTest, TcpProbePassesOnConnectAndFailsOnRefusal) {
  DroverInstance drover;
  int open_port = free_port();
  int closed_port = free_port();
  drover.write_config(
      "services:\n"
      "  listener:\n    command: python3 -c \"import socket,time; s=socket.socket(); "
      "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', " +
      std::to_string(open_port) +
      ")); s.listen(); time.sleep(600)\"\n"
      "    health: {tcp: '127.0.0.1:" +
      std::to_string(open_port) +
      "', interval: 200ms, retries: 50}\n"
      "  nobody:\n    command: sleep 600\n"
      "    health: {tcp: '127.0.0.1:" +
      std::to_string(closed_port) + "', interval: 200ms, retries: 2, on_failure: none}\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_health(drover, "listener", "healthy"));
  EXPECT_EQ(string_field(drover, "listener", "health_output"), "connected");
  ASSERT_TRUE(wait_health(drover, "nobody", "unhealthy"));
  EXPECT_EQ(string_field(drover, "nobody", "health_output"), "Connection refused");
}

TEST(HealthTest, HttpProbeAgainstAServerThatNeverAnswersTimesOut) {
  DroverInstance drover;
  int port = free_port();
  // The kernel accepts connections into the backlog; nobody ever reads them.
  drover.write_config(
      "services:\n"
      "  mute:\n    command: python3 -c \"import socket,time; s=socket.socket(); "
      "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', " +
      std::to_string(port) +
      ")); s.listen(); time.sleep(600)\"\n"
      "    health: {http: 'http://127.0.0.1:" +
      std::to_string(port) +
      "/', interval: 200ms, timeout: 300ms, retries: 1, start_period: 2s, on_failure: none}\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until(
      [&] { return string_field(drover, "mute", "health_output") == "timed out after 300ms"; },
      seconds(20)))
      << boost::json::serialize(drover.services_json());
  EXPECT_TRUE(wait_health(drover, "mute", "unhealthy"));
  EXPECT_GE(int_field(drover, "mute", "probe_latency_ms"), 300);
}

TEST(HealthTest, ExecProbeTimeoutKillsTheProbeAndCountsAsAFailure) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: sleep 600
    health:
      exec: [sh, -c, 'echo $$$$ > @DIR@/probe.pid; exec sleep 30']
      interval: 100ms
      timeout: 300ms
      retries: 1
      on_failure: none
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_health(drover, "web", "unhealthy"));
  EXPECT_EQ(string_field(drover, "web", "health_output"), "timed out after 300ms");
  // The probe was killed (and reaped) at its timeout, not left to sleep 30s.
  int probe_pid = std::stoi(drover.read_file("probe.pid"));
  EXPECT_TRUE(wait_until([&] { return ::kill(probe_pid, 0) != 0; }));
}

TEST(HealthTest, RetriesConsecutiveFailuresRestartTheServiceWithTheReason) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: sleep 600
    start_period: 0
    health:
      exec: [sh, -c, 'echo probe says no; exit 3']
      interval: 100ms
      retries: 3
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] { return int_field(drover, "web", "restarts") >= 1; }, seconds(20)));
  ASSERT_TRUE(wait_until([&] {
    return string_field(drover, "web", "description")
               .find(
                   "restarted: health check failed 3 "
                   "times: exit status 3: probe says no") != std::string::npos;
  })) << boost::json::serialize(drover.services_json());
  EXPECT_NE(drover.stderr_text().find("unhealthy"), std::string::npos);
}

TEST(HealthTest, SuccessThresholdNeedsConsecutivePasses) {
  DroverInstance drover;
  // Passes from the third probe on; with success_threshold 3 it is healthy
  // after the fifth, so it is "starting" in between.
  drover.write_config(R"(services:
  web:
    command: sleep 600
    health:
      exec: [sh, -c, 'n=$(cat @DIR@/n 2>/dev/null || echo 0); echo $((n+1)) > @DIR@/n; test $n -ge 2']
      interval: 100ms
      retries: 100
      success_threshold: 3
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_health(drover, "web", "healthy"));
  int probes = std::stoi(drover.read_file("n"));
  EXPECT_GE(probes, 5);
}

TEST(HealthTest, DependsOnHealthyWaitsForTheFirstPassingProbe) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: sleep 600
    start_period: 0
    health:
      exec: test -f @DIR@/db-ready
      interval: 100ms
      retries: 1000
  app:
    command: sleep 600
    depends_on: { db: healthy }
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("db", "RUNNING"));
  ASSERT_TRUE(wait_until([&] {
    return string_field(drover, "app", "description") == "waiting for db (healthy): db is starting";
  })) << boost::json::serialize(drover.services_json());
  EXPECT_EQ(drover.state_of("app"), "STOPPED");
  ASSERT_EQ(run_command({"/usr/bin/touch", drover.path("db-ready")}).exit_code, 0);
  EXPECT_TRUE(drover.wait_state("app", "RUNNING", seconds(20)));
}

TEST(HealthTest, RequiredServiceThatNeverBecomesHealthyFailsTheStack) {
  DroverInstance drover;
  drover.write_config(R"(services:
  db:
    command: sleep 600
    required: true
    health:
      exec: 'false'
      interval: 100ms
      retries: 2
      start_period: 300ms
  app:
    command: sleep 600
    depends_on: { db: healthy }
)");
  drover.launch();
  EXPECT_EQ(drover.wait_exit(seconds(30)), 1);
  EXPECT_NE(drover.stderr_text().find("db failed"), std::string::npos) << drover.stderr_text();
}

TEST(HealthTest, StackHealthFollowsTheSchedulerThroughAKillAndRestart) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: sleep 600
    start_period: 200ms
  scheduler:
    command: sleep 600
    start_period: 200ms
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(
      wait_until([&] { return http_unix(drover.socket(), "GET", "/health").status == 200; }));
  CommandResult healthy = drover.cli({"health"});
  EXPECT_EQ(healthy.exit_code, 0);
  EXPECT_EQ(healthy.out, "healthy\n");

  int pid = static_cast<int>(int_field(drover, "scheduler", "pid"));
  ASSERT_GT(pid, 0);
  ASSERT_EQ(::kill(pid, SIGKILL), 0);
  // Restarted at once but STARTING for start_period: 503 meanwhile.
  ASSERT_TRUE(wait_until([&] {
    HttpReply reply = http_unix(drover.socket(), "GET", "/health");
    return reply.status == 503 && reply.body.find("scheduler is") != std::string::npos;
  }));
  ASSERT_TRUE(
      wait_until([&] { return http_unix(drover.socket(), "GET", "/health").status == 200; }));
  EXPECT_EQ(int_field(drover, "scheduler", "restarts"), 1);
  EXPECT_NE(http_unix(drover.socket(), "GET", "/health").body.find("\"status\":\"healthy\""),
            std::string::npos);
}

TEST(HealthTest, DroverHealthNamesTheUnhealthyService) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    command: sleep 600
    start_period: 0
    health: {exec: 'false', interval: 100ms, retries: 1, on_failure: none}
  worker:
    command: sleep 600
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_health(drover, "web", "unhealthy"));
  CommandResult all = drover.cli({"health"});
  EXPECT_EQ(all.exit_code, 1);
  EXPECT_EQ(all.out, "unhealthy: web is unhealthy: exit status 1\n");
  EXPECT_EQ(drover.cli({"health", "worker"}).exit_code, 0);
  HttpReply reply = http_unix(drover.socket(), "GET", "/health");
  EXPECT_EQ(reply.status, 503);
  EXPECT_NE(reply.body.find("web is unhealthy"), std::string::npos) << reply.body;
}

}  // namespace
}  // namespace drover::e2e
