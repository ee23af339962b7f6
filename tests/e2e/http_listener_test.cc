// The control API over TCP (settings.http): credentials, public paths, the
// refusal to expose an unauthenticated API beyond loopback, and /metrics
// parsed by the reference Prometheus parser.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace drover::e2e {
namespace {

// "admin:s3cret" and "admin:wrong" in base64.
constexpr const char* kGoodBasic = "Authorization: Basic YWRtaW46czNjcmV0\r\n";
constexpr const char* kBadBasic = "Authorization: Basic YWRtaW46d3Jvbmc=\r\n";

std::string http_settings(int port, const std::string& auth) {
  return "  http:\n    listen: 127.0.0.1:" + std::to_string(port) + "\n" + auth +
         "    public: [/metrics]\n";
}

TEST(HttpListenerTest, CredentialsAreRequiredExceptOnPublicPaths) {
  DroverInstance drover;
  std::ofstream(drover.path("password")) << "s3cret\n";
  int port = free_tcp_port();
  drover.write_config("services:\n  web:\n    command: @TESTSVC@\n",
                      http_settings(port, "    auth: { user: admin, password_file: " +
                                              drover.path("password") + " }\n"));
  ASSERT_TRUE(drover.start()) << drover.stderr_text();

  HttpReply anonymous = http_tcp(port, "GET", "/v1/services");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_NE(anonymous.head.find("WWW-Authenticate: Basic realm=\"drover\""), std::string::npos)
      << anonymous.head;
  EXPECT_EQ(http_tcp(port, "GET", "/v1/services", kBadBasic).status, 401);

  HttpReply allowed = http_tcp(port, "GET", "/v1/services", kGoodBasic);
  EXPECT_EQ(allowed.status, 200);
  EXPECT_NE(allowed.body.find("\"web\""), std::string::npos) << allowed.body;

  // Commands work over TCP too, and a public path needs nothing.
  EXPECT_EQ(http_tcp(port, "POST", "/v1/services/web/stop", kGoodBasic).status, 200);
  EXPECT_TRUE(drover.wait_state("web", "STOPPED"));
  EXPECT_EQ(http_tcp(port, "GET", "/metrics").status, 200);
  // The unix socket keeps working without credentials (its file mode guards it).
  EXPECT_EQ(http_unix(drover.socket(), "GET", "/v1/services").status, 200);
  // The password never reaches drover's own output.
  EXPECT_EQ(drover.stderr_text().find("s3cret"), std::string::npos);
  EXPECT_EQ(drover.stdout_text().find("s3cret"), std::string::npos);
}

TEST(HttpListenerTest, BearerTokenFromAFile) {
  DroverInstance drover;
  std::ofstream(drover.path("token")) << "t0ken-abc\n";
  int port = free_tcp_port();
  drover.write_config(
      "services:\n  web:\n    command: @TESTSVC@\n",
      http_settings(port, "    auth: { token_file: " + drover.path("token") + " }\n"));
  ASSERT_TRUE(drover.start()) << drover.stderr_text();
  EXPECT_EQ(http_tcp(port, "GET", "/v1/services").status, 401);
  EXPECT_EQ(http_tcp(port, "GET", "/v1/services", "Authorization: Bearer nope\r\n").status, 401);
  EXPECT_EQ(http_tcp(port, "GET", "/v1/services", "Authorization: Bearer t0ken-abc\r\n").status,
            200);
}

TEST(HttpListenerTest, RefusesAnUnauthenticatedNonLoopbackListener) {
  DroverInstance drover;
  drover.write_config("services:\n  web:\n    command: @TESTSVC@\n",
                      "  http:\n    listen: 0.0.0.0:" + std::to_string(free_tcp_port()) + "\n");
  drover.launch();
  EXPECT_EQ(drover.wait_exit(), 1);
  EXPECT_NE(drover.stderr_text().find("refusing to serve the API on non-loopback address"),
            std::string::npos)
      << drover.stderr_text();
}

TEST(HttpListenerTest, MissingPasswordFileStopsStartUpWithTheField) {
  DroverInstance drover;
  drover.write_config("services:\n  web:\n    command: @TESTSVC@\n",
                      "  http:\n    listen: 127.0.0.1:" + std::to_string(free_tcp_port()) +
                          "\n    auth: { user: admin, password_file: " + drover.path("absent") +
                          " }\n");
  drover.launch();
  EXPECT_EQ(drover.wait_exit(), 1);
  EXPECT_NE(drover.stderr_text().find("settings.http.auth.password_file"), std::string::npos)
      << drover.stderr_text();
}

// Parses the exposition with prometheus_client (Debian's python3 package,
// hence /usr/bin/python3 rather than whatever python3 is first on PATH) and
// prints "name{labels} value" per sample, sorted, for the assertions.
std::string parse_with_prometheus_client(DroverInstance& drover, const std::string& text) {
  std::ofstream(drover.path("metrics.txt")) << text;
  CommandResult parsed =
      run_command({"/usr/bin/python3", "-c",
                   "import sys\n"
                   "from prometheus_client.parser import text_string_to_metric_families\n"
                   "out = []\n"
                   "for family in text_string_to_metric_families(open(sys.argv[1]).read()):\n"
                   "    for s in family.samples:\n"
                   "        labels = ','.join(f'{k}={v}' for k, v in sorted(s.labels.items()))\n"
                   "        out.append(f'{family.type} {s.name}{{{labels}}} {s.value:g}')\n"
                   "print('\\n'.join(sorted(out)))\n",
                   drover.path("metrics.txt")});
  EXPECT_EQ(parsed.exit_code, 0) << parsed.err;
  return parsed.out;
}

TEST(MetricsTest, PrometheusParserReadsEveryFamily) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web.1:
    command: @TESTSVC@ --print 3
    log: { dir: @DIR@/logs }
  job:
    type: oneshot
    command: @TESTSVC@ --exit 3
    restart: never
)");
  ASSERT_TRUE(drover.start()) << drover.stderr_text();
  ASSERT_TRUE(drover.wait_state("web.1", "RUNNING"));
  ASSERT_TRUE(drover.wait_state("job", "FATAL") || drover.wait_state("job", "EXITED"));
  HttpReply reply = http_unix(drover.socket(), "GET", "/metrics");
  ASSERT_EQ(reply.status, 200);
  EXPECT_NE(reply.head.find("text/plain; version=0.0.4"), std::string::npos) << reply.head;
  std::string samples = parse_with_prometheus_client(drover, reply.body);
  auto has = [&](const std::string& line) { return samples.find(line) != std::string::npos; };
  EXPECT_TRUE(has("gauge drover_service_up{service=web.1} 1")) << samples;
  EXPECT_TRUE(has("gauge drover_service_up{service=job} 0")) << samples;
  EXPECT_TRUE(has("gauge drover_service_state{service=web.1,state=RUNNING} 1")) << samples;
  EXPECT_TRUE(has("gauge drover_service_state{service=web.1,state=STOPPED} 0")) << samples;
  EXPECT_TRUE(has("gauge drover_service_last_exit_code{service=job} 3")) << samples;
  EXPECT_TRUE(has("counter drover_service_restarts_total{service=job} 0")) << samples;
  EXPECT_TRUE(has("counter drover_service_log_written_bytes_total{service=web.1} 21"))
      << samples;  // "line 1\nline 2\nline 3\n"
  EXPECT_TRUE(has("counter drover_service_log_dropped_bytes_total{service=web.1} 0")) << samples;
  EXPECT_TRUE(has("gauge drover_service_uptime_seconds{service=web.1}")) << samples;
  EXPECT_TRUE(has("gauge process_resident_memory_bytes{}")) << samples;
  EXPECT_TRUE(has("gauge process_open_fds{}")) << samples;
  EXPECT_TRUE(has("gauge drover_event_loop_lag_seconds{}")) << samples;
  EXPECT_FALSE(has("process_resident_memory_bytes{} 0\n")) << samples;
}

}  // namespace
}  // namespace drover::e2e
