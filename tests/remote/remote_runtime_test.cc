// The remote runtime end to end (issue #8): the real drover binary, the
// real OpenSSH client and a real sshd on a "remote host" in a network
// namespace (ssh_host.h).
#include "ssh_host.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace drover::remote_test {
namespace {

using namespace std::chrono_literals;

// A YAML double-quoted scalar holding `text` exactly.
std::string yaml_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

class RemoteRuntimeTest : public ::testing::Test {
 public:
  static SshHost& host() { return shared_host(); }

  // `hosts:` with the test host as "box", after the services.
  static std::string box(const std::string& known_hosts = "") {
    return "hosts:\n  box:\n    address: " + host().destination() +
           "\n    identity_file: " + host().identity() +
           "\n    known_hosts: " + (known_hosts.empty() ? host().known_hosts() : known_hosts) +
           "\n";
  }

  void SetUp() override { REQUIRE_SSH_HOST(host()); }

  // Whether a process whose command line holds `marker` runs (the test host
  // shares this machine's pid namespace; ssh asks it, to be sure).
  // The pattern's "[d]" keeps pgrep from matching the shell that runs it.
  // Anchored, only the command matches; unanchored, its follower and the
  // local ssh client do too (their command lines hold it, quoted).
  static bool remote_runs(const std::string& marker, bool anchored = true) {
    std::string pattern =
        "[" + marker.substr(0, 1) + "]" + marker.substr(1) + (anchored ? "$" : "");
    return host().ssh("pgrep -f '" + pattern + "' >/dev/null").exit_code == 0;
  }
};

TEST_F(RemoteRuntimeTest, MixedStackStartsInOrderLogsAndStopsCleanly) {
  e2e::DroverInstance drover;
  std::string marker = "drover-e2e-api-" + std::to_string(::getpid());
  drover.write_config(
      "services:\n"
      "  prepare:\n"
      "    type: oneshot\n"
      "    command: /bin/sh -c 'echo prepared > @DIR@/prepared'\n"
      "  api:\n"
      "    runtime: remote\n"
      "    host: box\n"
      "    depends_on: {prepare: completed_successfully}\n"
      "    working_dir: @DIR@\n"
      "    env: {GREETING: hello}\n"
      "    command: [/bin/sh, -c, 'cat prepared; echo \"$GREETING from $(pwd)\"; echo api-err >&2; "
      "sleep 1; touch healthy; while :; do sleep 1; done', " +
      marker +
      "]\n"
      "    health: {exec: 'test -f healthy', interval: 200ms, start_period: 10s}\n"
      "    stop_timeout: 5s\n"
      "  web:\n"
      "    depends_on: {api: healthy}\n"
      "    command: /bin/sh -c 'echo web-up; exec sleep 3600'\n" +
      box());
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "RUNNING", 20s)) << drover.stdout_text();
  EXPECT_EQ(drover.state_of("api"), "RUNNING");
  EXPECT_TRUE(e2e::wait_until([&] {
    std::string out = drover.stdout_text();
    return out.find("prepared") != std::string::npos &&
           out.find("hello from " + drover.dir()) != std::string::npos &&
           out.find("api-err") != std::string::npos;
  })) << drover.stdout_text();
  EXPECT_NE(drover.cli({"status"}).out.find("on " + host().destination()), std::string::npos);
  EXPECT_TRUE(remote_runs(marker));
  // Every session of the host shares the one master connection.
  EXPECT_EQ(host().connections(), 1);

  e2e::CommandResult stopped = drover.cli({"stop", "api"});
  EXPECT_EQ(stopped.exit_code, 0) << stopped.out << stopped.err;
  ASSERT_TRUE(drover.wait_state("api", "STOPPED", 10s));
  EXPECT_FALSE(remote_runs(marker, false));  // Nothing left: command, follower, ssh client.
}

// The web server listens on the host's own loopback, which drover's side
// cannot reach (another network namespace): only probes run there pass.
TEST_F(RemoteRuntimeTest, HttpAndTcpProbesFromTheRemoteSide) {
  e2e::DroverInstance drover;
  std::string port = std::to_string(20000 + ::getpid() % 20000);
  std::filesystem::create_directories(drover.path("site"));
  drover.write_config(
      "services:\n"
      "  web:\n"
      "    runtime: remote\n"
      "    host: box\n"
      "    command: [/bin/busybox, httpd, -f, -p, '127.0.0.1:" +
      port +
      "', -h, @DIR@/site]\n"
      "    health: {http: 'http://127.0.0.1:" +
      port +
      "/', status: [200, 404], from: remote, "
      "interval: 200ms}\n"
      "  port-check:\n"
      "    runtime: remote\n"
      "    host: box\n"
      "    command: sleep 600\n"
      "    health: {tcp: '127.0.0.1:" +
      port +
      "', from: remote, interval: 200ms}\n"
      "  client:\n"
      "    depends_on: {web: healthy, port-check: healthy}\n"
      "    command: sleep 600\n" +
      box());
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("client", "RUNNING", 20s)) << drover.stderr_text();
  boost::json::object web = drover.service("web");
  EXPECT_EQ(web.at("health").as_string(), "healthy") << web;
}

TEST_F(RemoteRuntimeTest, ExitCodeArrivesAndValuesCannotInjectCommands) {
  e2e::DroverInstance drover;
  std::string witness = drover.path("pwned");
  std::string nasty =
      "a b'; touch " + witness + "; echo '$(touch " + witness + ")`touch " + witness + "`\"";
  drover.write_config(
      "services:\n"
      "  job:\n"
      "    runtime: remote\n"
      "    host: box\n"
      "    type: oneshot\n"
      "    env: {NASTY: " +
      yaml_quote(nasty) +
      "}\n"
      "    command: [/bin/sh, -c, 'printf \"[%s][%s]\\n\" \"$NASTY\" \"$1\"; exit 3', sh, " +
      yaml_quote(nasty) + "]\n" + box());
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("job", "FATAL", 15s)) << drover.stdout_text();
  EXPECT_EQ(drover.service("job").at("last_exit").as_object().at("code").as_int64(), 3);
  EXPECT_TRUE(e2e::wait_until([&] {
    return drover.stdout_text().find("[" + nasty + "][" + nasty + "]") != std::string::npos;
  })) << drover.stdout_text();
  EXPECT_FALSE(std::filesystem::exists(witness));
}

TEST_F(RemoteRuntimeTest, UnknownHostKeyIsRefusedNamingItsFingerprint) {
  e2e::DroverInstance drover;
  drover.write_config(
      "services:\n"
      "  api:\n"
      "    runtime: remote\n"
      "    host: box\n"
      "    start_retries: 0\n"
      "    command: /bin/sh -c 'touch @DIR@/ran; sleep 60'\n" +
      box(host().empty_known_hosts()));
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("api", "FATAL", 20s)) << drover.stdout_text();
  std::string all = drover.stdout_text() + drover.stderr_text();
  EXPECT_NE(all.find("Host key verification failed"), std::string::npos) << all;
  EXPECT_NE(all.find(host().fingerprint()), std::string::npos) << all;
  EXPECT_FALSE(std::filesystem::exists(drover.path("ran")));
}

TEST_F(RemoteRuntimeTest, ADeadHostBlocksNeitherTheLoopNorOtherServices) {
  e2e::DroverInstance drover;
  // .3 in the test host's network: routed, but nobody answers (the veth
  // peer drops it), so only connect_timeout ends each attempt.
  std::string dead = host().address().substr(0, host().address().rfind('.')) + ".3";
  drover.write_config(
      "services:\n"
      "  far:\n"
      "    runtime: remote\n"
      "    host: root@" +
      dead +
      "\n"
      "    ssh: {connect_timeout: 3s}\n"
      "    command: sleep 60\n"
      "  near:\n"
      "    command: /bin/sh -c 'echo near-up; exec sleep 60'\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("near", "RUNNING", 10s));
  // While ssh waits for the dead host, the API answers at once.
  auto before = std::chrono::steady_clock::now();
  EXPECT_NE(drover.cli({"status"}).out.find("near"), std::string::npos);
  EXPECT_LT(std::chrono::steady_clock::now() - before, 2s);
  EXPECT_TRUE(drover.wait_state("far", "BACKOFF", 15s)) << drover.stderr_text();
  EXPECT_NE(drover.stderr_text().find("cannot connect to root@" + dead), std::string::npos)
      << drover.stderr_text();
  EXPECT_EQ(drover.state_of("near"), "RUNNING");
}

// The pid of the one process whose command line holds `marker`, or 0.
long remote_pid(const std::string& marker) {
  // The follower and its local ssh client hold the marker too, quoted, in
  // their command lines; only the command's ends with it.
  std::string pattern = "[" + marker.substr(0, 1) + "]" + marker.substr(1) + "$";
  e2e::CommandResult found = shared_host().ssh("pgrep -f '" + pattern + "'");
  return found.exit_code == 0 ? std::atol(found.out.c_str()) : 0;
}

std::string ticking_service(const std::string& marker, const std::string& on_disconnect) {
  return "services:\n"
         "  ticker:\n"
         "    runtime: remote\n"
         "    host: box\n"
         "    on_disconnect: " +
         on_disconnect +
         "\n"
         "    command: [/bin/sh, -c, 'i=0; while :; do i=$((i+1)); echo tick-$i; sleep 0.2; "
         "done', " +
         marker + "]\n";
}

// Starts the ticker, then drops every connection to the host (sshd and its
// sessions killed) and waits for UNKNOWN. Returns the ticker's remote pid,
// or 0 after a failed assertion.
long start_then_lose_connection(e2e::DroverInstance& drover, const std::string& marker,
                                const std::string& on_disconnect) {
  drover.write_config(ticking_service(marker, on_disconnect) + RemoteRuntimeTest::box());
  EXPECT_TRUE(drover.start());
  EXPECT_TRUE(drover.wait_state("ticker", "RUNNING", 15s)) << drover.stdout_text();
  long pid = remote_pid(marker);
  EXPECT_GT(pid, 1);
  shared_host().kill_sshd();
  EXPECT_TRUE(drover.wait_state("ticker", "UNKNOWN", 20s)) << drover.stderr_text();
  return ::testing::Test::HasFailure() ? 0 : pid;
}

TEST_F(RemoteRuntimeTest, ConnectionLossShowsUnknownThenAdoptsTheSameProcess) {
  e2e::DroverInstance drover;
  std::string marker = "drover-e2e-adopt-" + std::to_string(::getpid());
  long pid = start_then_lose_connection(drover, marker, "adopt");
  ASSERT_GT(pid, 1);
  EXPECT_NE(drover.service("ticker").at("description").as_string().find("reconnecting"),
            std::string::npos);
  EXPECT_EQ(remote_pid(marker), 0);  // Unreachable now; the host's own view follows below.
  ASSERT_TRUE(host().start_sshd());
  EXPECT_EQ(remote_pid(marker), pid);  // It ran on through the outage.
  ASSERT_TRUE(drover.wait_state("ticker", "RUNNING", 30s)) << drover.stderr_text();
  EXPECT_EQ(remote_pid(marker), pid);  // Adopted, not restarted.
  EXPECT_EQ(drover.service("ticker").at("restarts").as_int64(), 0);
  // Its output flows again: a tick the stream had not seen before the loss.
  size_t seen = drover.stdout_text().size();
  EXPECT_TRUE(e2e::wait_until([&] {
    return drover.stdout_text().find("tick-", seen) != std::string::npos;
  })) << drover.stdout_text();

  ASSERT_EQ(drover.cli({"stop", "ticker"}).exit_code, 0);
  ASSERT_TRUE(drover.wait_state("ticker", "STOPPED", 15s));
  EXPECT_EQ(remote_pid(marker), 0);
}

TEST_F(RemoteRuntimeTest, OnDisconnectRestartReplacesTheProcess) {
  e2e::DroverInstance drover;
  std::string marker = "drover-e2e-restart-" + std::to_string(::getpid());
  long pid = start_then_lose_connection(drover, marker, "restart");
  ASSERT_GT(pid, 1);
  ASSERT_TRUE(host().start_sshd());
  EXPECT_TRUE(e2e::wait_until(
      [&] {
        long now = remote_pid(marker);
        return now > 1 && now != pid && drover.state_of("ticker") == "RUNNING";
      },
      30s))
      << drover.stderr_text();
  EXPECT_EQ(drover.service("ticker").at("restarts").as_int64(), 1);
}

}  // namespace
}  // namespace drover::remote_test
