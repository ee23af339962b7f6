#include "api/json_codec.h"
#include "api/router.h"
#include "api/testing/recording_controller.h"

#include <gtest/gtest.h>

#include <limits>

namespace drover::api {
namespace {

using testing::log_line;

class LogsRouteTest : public ::testing::Test {
 protected:
  LogsRouteTest() {
    controller_.views = testing::sample_views();
    controller_.ring = {log_line(1, "web", "one"), log_line(2, "database", "two"),
                        log_line(3, "web", "three", core::LogStream::Stderr),
                        log_line(4, "web", "four")};
  }

  Response get(const std::string& target) {
    return handle_request(controller_, Request{"GET", target, "", kNow});
  }
  const core::LogQuery& last_query() { return controller_.log_queries.at(0); }

  static constexpr int64_t kNow = 1700000100000;
  testing::RecordingController controller_;
};

TEST_F(LogsRouteTest, AllServicesInterleavedBySequence) {
  Response response = get("/v1/logs");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, render_log_entries(controller_.ring));
  EXPECT_TRUE(testing::same_query(last_query(), core::LogQuery{}));
}

TEST_F(LogsRouteTest, RendersTheDocumentedShape) {
  Response response = get("/v1/logs?lines=1");
  EXPECT_EQ(response.body,
            R"({"lines":[{"seq":4,"ts":1700000004000,"service":"web","stream":"stdout",)"
            R"("continued":false,"line":"four"}]})");
}

TEST_F(LogsRouteTest, OneServiceWithLinesSinceAndStderr) {
  Response response = get("/v1/services/web/logs?lines=5&since=10m&stream=stderr");
  EXPECT_EQ(response.status, 200) << response.body;
  core::LogQuery expected;
  expected.services = {"web"};
  expected.last_lines = 5;
  expected.since_ms = kNow - 600000;
  expected.stderr_only = true;
  EXPECT_EQ(last_query().services, expected.services);
  EXPECT_EQ(last_query().last_lines, 5u);
  EXPECT_EQ(last_query().since_ms, expected.since_ms);
  EXPECT_TRUE(last_query().stderr_only);
  EXPECT_EQ(response.body, render_log_entries({controller_.ring[2]}));
}

TEST_F(LogsRouteTest, SeveralServicesByQuery) {
  Response response = get("/v1/logs?service=database&service=web&lines=2");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(last_query().services, (std::vector<std::string>{"database", "web"}));
  EXPECT_EQ(response.body, render_log_entries({controller_.ring[2], controller_.ring[3]}));
}

TEST_F(LogsRouteTest, LinesZeroReturnsNothing) {
  Response response = get("/v1/logs?lines=0");
  EXPECT_EQ(response.body, R"({"lines":[]})");
  EXPECT_EQ(last_query().after_sequence, std::numeric_limits<uint64_t>::max());
}

TEST_F(LogsRouteTest, UnknownServiceIs404ListingKnownNames) {
  for (const char* target : {"/v1/services/wev/logs", "/v1/logs?service=web&service=wev"}) {
    Response response = get(target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_EQ(response.body,
              R"({"error":{"code":"not_found","message":"unknown service \"wev\"; did you mean )"
              R"(\"web\"?; known services: web, database"}})");
  }
  EXPECT_TRUE(controller_.log_queries.empty());
}

TEST_F(LogsRouteTest, BadParametersAre400) {
  const std::pair<const char*, const char*> cases[] = {
      {"/v1/logs?lines=ten", "lines must be a whole number, not \\\"ten\\\""},
      {"/v1/logs?lines=-1", "lines must be a whole number"},
      {"/v1/logs?since=10", "since: "},
      {"/v1/logs?stream=stdin", "stream must be \\\"stderr\\\""},
      {"/v1/logs?follow=yes", "follow must be 1 or 0"},
      {"/v1/logs?tail=3", "unknown query parameter \\\"tail\\\""},
      {"/v1/services/web/logs?service=db", "unknown query parameter \\\"service\\\""},
      {"/v1/logs?service=%zz", "malformed query parameter"},
  };
  for (const auto& [target, message] : cases) {
    Response response = get(target);
    EXPECT_EQ(response.status, 400) << target;
    EXPECT_NE(response.body.find(R"("code":"invalid_argument")"), std::string::npos) << target;
    EXPECT_NE(response.body.find(message), std::string::npos) << target << " " << response.body;
  }
}

TEST_F(LogsRouteTest, FollowHandsTheQueryToTheServer) {
  Response response = get("/v1/services/web/logs?follow=1&lines=3");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/x-ndjson");
  ASSERT_TRUE(response.follow);
  EXPECT_EQ(response.follow->services, std::vector<std::string>{"web"});
  EXPECT_EQ(response.follow->last_lines, 3u);
  EXPECT_TRUE(controller_.log_queries.empty());  // The server reads the history.
  EXPECT_EQ(get("/v1/services/nope/logs?follow=1").status, 404);
}

TEST_F(LogsRouteTest, ControllerErrorsPassThrough) {
  struct Unavailable : Controller {
    std::vector<core::ServiceView> services() const override { return {}; }
    Result<std::vector<core::CommandOutcome>> execute(const core::Command&) override {
      return std::vector<core::CommandOutcome>{};
    }
  } unavailable;
  Response response = handle_request(unavailable, Request{"GET", "/v1/logs", "", kNow});
  EXPECT_EQ(response.status, 503);
  EXPECT_NE(response.body.find("logs are not available"), std::string::npos);
}

}  // namespace
}  // namespace drover::api
