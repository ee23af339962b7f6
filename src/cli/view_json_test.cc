#include "cli/view_json.h"

#include <gtest/gtest.h>

namespace drover::cli {
namespace {

constexpr std::string_view kServices =
    R"({"services":[{"name":"web","type":"longrun","state":"RUNNING","want":"up","pid":4242,)"
    R"("started_at":1700000000,"stopped_at":0,"uptime_seconds":3723,"restarts":2,)"
    R"("last_exit":{"code":0,"signal":9},"description":"pid 4242, uptime 1:02:03"},)"
    R"({"name":"db","state":"FATAL","last_exit":null,"future_field":[1,2]}]})";

TEST(ViewJsonTest, ParsesServices) {
  Result<std::vector<core::ServiceView>> views = parse_services(kServices);
  ASSERT_TRUE(views) << views.error().message;
  ASSERT_EQ(views->size(), 2u);
  const core::ServiceView& web = (*views)[0];
  EXPECT_EQ(web.name, "web");
  EXPECT_EQ(web.type, "longrun");
  EXPECT_EQ(web.state, core::State::Running);
  EXPECT_EQ(web.want, "up");
  EXPECT_EQ(web.pid, 4242);
  EXPECT_EQ(web.started_at, 1700000000);
  EXPECT_EQ(web.uptime_seconds, 3723);
  EXPECT_EQ(web.restarts, 2);
  EXPECT_EQ(web.last_exit, (core::ExitStatus{0, 9}));
  EXPECT_EQ(web.description, "pid 4242, uptime 1:02:03");
}

TEST(ViewJsonTest, MissingFieldsKeepDefaultsAndUnknownOnesAreIgnored) {
  core::ServiceView db = parse_services(kServices)->at(1);
  EXPECT_EQ(db.state, core::State::Fatal);
  EXPECT_EQ(db.pid, 0);
  EXPECT_FALSE(db.last_exit.has_value());
}

TEST(ViewJsonTest, UnknownStateIsUnknown) {
  auto views = parse_services(R"({"services":[{"name":"x","state":"NAPPING"}]})");
  EXPECT_EQ(views->at(0).state, core::State::Unknown);
}

TEST(ViewJsonTest, RejectsOtherShapes) {
  for (std::string_view bad : {"", "[]", R"({"services":{}})", R"({"services":[1]})", "{"}) {
    Result<std::vector<core::ServiceView>> views = parse_services(bad);
    ASSERT_FALSE(views) << bad;
    EXPECT_EQ(views.error().message.rfind("unexpected reply from the daemon: ", 0), 0u);
  }
}

TEST(ViewJsonTest, ParsesOutcomes) {
  auto outcomes = parse_outcomes(
      R"({"results":[{"name":"web","ok":true,"message":"started"},{"name":"db","ok":false}]})");
  ASSERT_TRUE(outcomes);
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ(outcomes->at(0).name, "web");
  EXPECT_TRUE(outcomes->at(0).ok);
  EXPECT_EQ(outcomes->at(0).message, "started");
  EXPECT_FALSE(outcomes->at(1).ok);
  EXPECT_FALSE(parse_outcomes(R"({"services":[]})"));
}

TEST(ViewJsonTest, ParsesErrors) {
  DaemonError error = parse_error(404, R"({"error":{"code":"not_found","message":"no \"x\""}})");
  EXPECT_EQ(error.code, "not_found");
  EXPECT_EQ(error.message, "no \"x\"");
  error = parse_error(502, "<html>bad gateway</html>");
  EXPECT_EQ(error.code, "");
  EXPECT_EQ(error.message, "the daemon answered HTTP 502: <html>bad gateway</html>");
}

TEST(ViewJsonTest, SelectsServicesInTheOrderAsked) {
  std::string selected = select_services_json(kServices, {"db", "web"});
  EXPECT_EQ(selected.rfind(R"({"services":[{"name":"db",)", 0), 0u) << selected;
  Result<std::vector<core::ServiceView>> views = parse_services(selected);
  ASSERT_TRUE(views);
  EXPECT_EQ(views->at(1).name, "web");
}

}  // namespace
}  // namespace drover::cli
