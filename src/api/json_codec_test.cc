#include "api/json_codec.h"

#include "api/error_status.h"
#include "api/testing/recording_controller.h"

#include <gtest/gtest.h>

#include <csignal>

namespace drover::api {
namespace {

TEST(JsonCodecTest, RendersAServiceWithEveryDocumentedField) {
  EXPECT_EQ(
      render_service(testing::sample_views()[0]),
      R"({"name":"web","type":"longrun","state":"RUNNING","want":"up","pid":4242,)"
      R"("started_at":1700000000,"stopped_at":0,"uptime_seconds":3723,"restarts":2,)"
      R"("last_exit":{"code":0,"signal":9},"description":"pid 4242, uptime 1:02:03","memory_bytes":null,"cpu_seconds":null,)"
      R"("log_dropped_bytes":0,"autostart":true,"required":false,"health":"",)"
      R"("health_output":"","probe_latency_ms":-1,"probe_at":0,"ready_status":""})");
}

TEST(JsonCodecTest, NoLastExitIsNull) {
  core::ServiceView view;
  view.name = "fresh";
  EXPECT_NE(render_service(view).find(R"("last_exit":null)"), std::string::npos);
  EXPECT_NE(render_service(view).find(R"("state":"STOPPED")"), std::string::npos);
}

TEST(JsonCodecTest, EmptyServiceListIsAnEmptyArray) {
  EXPECT_EQ(render_services({}), R"({"services":[]})");
}

TEST(JsonCodecTest, RendersOutcomes) {
  EXPECT_EQ(render_outcomes({{"web", true, "started"}, {"db", false, "already running"}}),
            R"({"results":[{"name":"web","ok":true,"message":"started"},)"
            R"({"name":"db","ok":false,"message":"already running"}]})");
  EXPECT_EQ(render_outcomes({}), R"({"results":[]})");
}

TEST(JsonCodecTest, ErrorMessagesAreEscaped) {
  EXPECT_EQ(render_error("not_found", "no \"x\"\n"),
            R"({"error":{"code":"not_found","message":"no \"x\"\n"}})");
}

TEST(JsonCodecTest, ParsesSignalBodies) {
  EXPECT_EQ(*parse_signal_body(R"({"signal":"TERM"})"), SIGTERM);
  EXPECT_EQ(*parse_signal_body(R"( {"signal" : "SIGINT", "extra": 1} )"), SIGINT);
  EXPECT_EQ(*parse_signal_body(R"({"signal":10})"), SIGUSR1);
}

TEST(JsonCodecTest, SignalBodyErrorsSayWhatIsWrong) {
  EXPECT_NE(parse_signal_body("nope").error().message.find("not valid JSON"), std::string::npos);
  EXPECT_NE(parse_signal_body("{}").error().message.find(R"(no "signal" member)"),
            std::string::npos);
  EXPECT_NE(parse_signal_body(R"({"signal":null})").error().message.find("must be a signal name"),
            std::string::npos);
  EXPECT_EQ(parse_signal_body(R"({"signal":"BOGUS"})").error().code, Errc::InvalidArgument);
}

TEST(ErrorStatusTest, MapsEveryErrcToAStatusAndCode) {
  EXPECT_EQ(http_status(Errc::NotFound), 404);
  EXPECT_EQ(http_status(Errc::InvalidArgument), 400);
  EXPECT_EQ(http_status(Errc::InvalidConfig), 422);
  EXPECT_EQ(http_status(Errc::Conflict), 409);
  EXPECT_EQ(http_status(Errc::Unavailable), 503);
  for (Errc other :
       {Errc::SpawnFailed, Errc::Io, Errc::Timeout, Errc::PermissionDenied, Errc::Internal}) {
    EXPECT_EQ(http_status(other), 500);
  }
  EXPECT_EQ(error_code_name(Errc::InvalidConfig), "invalid_config");
  EXPECT_EQ(error_code_name(Errc::PermissionDenied), "permission_denied");
}

}  // namespace
}  // namespace drover::api
