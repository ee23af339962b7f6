#include "api/metrics.h"

#include <gtest/gtest.h>

namespace drover::api {
namespace {

core::ServiceView running_web() {
  core::ServiceView web;
  web.name = "web";
  web.state = core::State::Running;
  web.uptime_seconds = 42;
  web.restarts = 2;
  web.last_exit = core::ExitStatus{0, 9};
  web.log_written_bytes = 1000;
  web.log_dropped_bytes = 7;
  web.health = "healthy";
  web.probe_latency_ms = 1500;
  return web;
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.starts_with(line + "\n");
}

TEST(MetricsTest, EveryFamilyHasHelpTypeAndSamples) {
  DaemonStats daemon{4096, 12, 1700000000.5, 0.25};
  std::string text = render_metrics({running_web()}, daemon);
  for (const char* family :
       {"drover_service_state gauge", "drover_service_up gauge",
        "drover_service_restarts_total counter", "drover_service_last_exit_code gauge",
        "drover_service_healthy gauge", "drover_service_probe_duration_seconds gauge",
        "drover_service_uptime_seconds gauge", "drover_service_log_written_bytes_total counter",
        "drover_service_log_dropped_bytes_total counter", "process_resident_memory_bytes gauge",
        "process_open_fds gauge", "process_start_time_seconds gauge",
        "drover_event_loop_lag_seconds gauge"}) {
    EXPECT_TRUE(has_line(text, std::string("# TYPE ") + family)) << family << "\n" << text;
  }
  EXPECT_TRUE(has_line(text, "drover_service_state{service=\"web\",state=\"RUNNING\"} 1"));
  EXPECT_TRUE(has_line(text, "drover_service_state{service=\"web\",state=\"FATAL\"} 0"));
  EXPECT_TRUE(has_line(text, "drover_service_up{service=\"web\"} 1"));
  EXPECT_TRUE(has_line(text, "drover_service_restarts_total{service=\"web\"} 2"));
  EXPECT_TRUE(has_line(text, "drover_service_last_exit_code{service=\"web\"} 137"));
  EXPECT_TRUE(has_line(text, "drover_service_healthy{service=\"web\"} 1"));
  EXPECT_TRUE(has_line(text, "drover_service_probe_duration_seconds{service=\"web\"} 1.5"));
  EXPECT_TRUE(has_line(text, "drover_service_uptime_seconds{service=\"web\"} 42"));
  EXPECT_TRUE(has_line(text, "drover_service_log_written_bytes_total{service=\"web\"} 1000"));
  EXPECT_TRUE(has_line(text, "drover_service_log_dropped_bytes_total{service=\"web\"} 7"));
  EXPECT_TRUE(has_line(text, "process_resident_memory_bytes 4096"));
  EXPECT_TRUE(has_line(text, "process_open_fds 12"));
  EXPECT_TRUE(has_line(text, "process_start_time_seconds 1700000000.5"));
  EXPECT_TRUE(has_line(text, "drover_event_loop_lag_seconds 0.25"));
  EXPECT_TRUE(text.ends_with("\n"));
}

TEST(MetricsTest, UnknownValuesAreAbsentNotZero) {
  core::ServiceView idle;
  idle.name = "idle";
  std::string text = render_metrics({idle}, DaemonStats{});
  EXPECT_EQ(text.find("drover_service_last_exit_code{"), std::string::npos);
  EXPECT_EQ(text.find("drover_service_healthy{"), std::string::npos);
  EXPECT_EQ(text.find("drover_service_probe_duration_seconds{"), std::string::npos);
  EXPECT_TRUE(has_line(text, "drover_service_up{service=\"idle\"} 0"));
  EXPECT_TRUE(has_line(text, "drover_service_state{service=\"idle\",state=\"STOPPED\"} 1"));
}

TEST(MetricsTest, UnhealthyAndStartingCountAsNotHealthy) {
  core::ServiceView web = running_web();
  web.health = "unhealthy";
  EXPECT_TRUE(has_line(render_metrics({web}, {}), "drover_service_healthy{service=\"web\"} 0"));
  web.health = "starting";
  EXPECT_TRUE(has_line(render_metrics({web}, {}), "drover_service_healthy{service=\"web\"} 0"));
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  core::ServiceView odd;
  odd.name = "a\"b\\c\nd";
  std::string text = render_metrics({odd}, {});
  EXPECT_TRUE(has_line(text, "drover_service_up{service=\"a\\\"b\\\\c\\nd\"} 0")) << text;
}

TEST(MetricsTest, ProcessStatsComeFromProc) {
  DaemonStats stats;
  read_process_stats(stats);
  EXPECT_GT(stats.resident_bytes, 0u);
  EXPECT_GE(stats.open_fds, 3u);  // stdin, stdout, stderr at least.
}

}  // namespace
}  // namespace drover::api
