#include "api/router.h"

#include "api/testing/recording_controller.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace drover::api {
namespace {

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() { controller_.views = testing::sample_views(); }

  Response call(const std::string& method, const std::string& target, std::string body = "") {
    return handle_request(controller_, Request{method, target, std::move(body)});
  }

  template <typename T>
  const T& only_command() {
    EXPECT_EQ(controller_.commands.size(), 1u);
    return std::get<T>(controller_.commands.at(0));
  }

  testing::RecordingController controller_;
};

TEST_F(RouterTest, HealthAnswersOkWithoutAskingTheController) {
  Response response = call("GET", "/v1/health");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"status":"ok"})");
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_TRUE(controller_.commands.empty());
}

TEST_F(RouterTest, ListsServicesInControllerOrder) {
  Response response = call("GET", "/v1/services");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body.find(R"({"services":[{"name":"web",)"), 0u) << response.body;
  EXPECT_NE(response.body.find(R"({"name":"database",)"), std::string::npos);
}

TEST_F(RouterTest, GetsOneService) {
  Response response = call("GET", "/v1/services/database");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body.find(R"({"name":"database","type":"oneshot","state":"EXITED")"), 0u)
      << response.body;
}

TEST_F(RouterTest, UnknownServiceIs404WithSuggestionAndKnownNames) {
  Response response = call("GET", "/v1/services/wev");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body,
            R"({"error":{"code":"not_found","message":"unknown service \"wev\"; did you mean )"
            R"(\"web\"?; known services: web, database"}})");
}

TEST_F(RouterTest, UnknownServiceWithNoServicesSaysSo) {
  controller_.views.clear();
  Response response = call("GET", "/v1/services/web");
  EXPECT_EQ(response.status, 404);
  EXPECT_NE(response.body.find("no services are configured"), std::string::npos);
}

TEST_F(RouterTest, StartBecomesStartCommand) {
  Response response = call("POST", "/v1/services/web/start");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(only_command<core::StartCommand>().names, std::vector<std::string>{"web"});
  EXPECT_EQ(response.body, R"({"results":[{"name":"web","ok":true,"message":"started"}]})");
}

TEST_F(RouterTest, StopBecomesStopCommand) {
  EXPECT_EQ(call("POST", "/v1/services/web/stop").status, 200);
  EXPECT_EQ(only_command<core::StopCommand>().names, std::vector<std::string>{"web"});
}

TEST_F(RouterTest, RestartBecomesRestartCommand) {
  EXPECT_EQ(call("POST", "/v1/services/web/restart").status, 200);
  EXPECT_EQ(only_command<core::RestartCommand>().names, std::vector<std::string>{"web"});
}

TEST_F(RouterTest, AllIsPassedToTheSupervisorToExpand) {
  controller_.next_result = std::vector<core::CommandOutcome>{{"web", true, "stopped"},
                                                              {"database", false, "not running"}};
  Response response = call("POST", "/v1/services/all/stop");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(only_command<core::StopCommand>().names, std::vector<std::string>{"all"});
  EXPECT_EQ(response.body, R"({"results":[{"name":"web","ok":true,"message":"stopped"},)"
                           R"({"name":"database","ok":false,"message":"not running"}]})");
}

TEST_F(RouterTest, SignalByNameAndByNumber) {
  EXPECT_EQ(call("POST", "/v1/services/web/signal", R"({"signal":"HUP"})").status, 200);
  EXPECT_EQ(call("POST", "/v1/services/web/signal", R"({"signal":"sigusr1"})").status, 200);
  EXPECT_EQ(call("POST", "/v1/services/all/signal", R"({"signal":9})").status, 200);
  ASSERT_EQ(controller_.commands.size(), 3u);
  EXPECT_EQ(std::get<core::SignalCommand>(controller_.commands[0]).signo, SIGHUP);
  EXPECT_EQ(std::get<core::SignalCommand>(controller_.commands[1]).signo, SIGUSR1);
  const auto& by_number = std::get<core::SignalCommand>(controller_.commands[2]);
  EXPECT_EQ(by_number.signo, SIGKILL);
  EXPECT_EQ(by_number.names, std::vector<std::string>{"all"});
}

TEST_F(RouterTest, BadSignalBodiesAre400AndReachNoController) {
  const char* bodies[] = {"",
                          "{",
                          "[]",
                          R"({"sig":"HUP"})",
                          R"({"signal":true})",
                          R"({"signal":"NOPE"})",
                          R"({"signal":0})",
                          R"({"signal":999})",
                          R"({"signal":-1})",
                          R"({"signal":1.5})"};
  for (const char* body : bodies) {
    Response response = call("POST", "/v1/services/web/signal", body);
    EXPECT_EQ(response.status, 400) << body;
    EXPECT_NE(response.body.find(R"("code":"invalid_argument")"), std::string::npos) << body;
  }
  EXPECT_TRUE(controller_.commands.empty());
}

TEST_F(RouterTest, UnknownSignalMessageComesFromParseSignal) {
  Response response = call("POST", "/v1/services/web/signal", R"({"signal":"NOPE"})");
  EXPECT_NE(response.body.find(R"(unknown signal \"NOPE\")"), std::string::npos) << response.body;
}

TEST_F(RouterTest, ReloadAndShutdown) {
  EXPECT_EQ(call("POST", "/v1/reload").status, 200);
  EXPECT_EQ(call("POST", "/v1/shutdown").status, 202);
  ASSERT_EQ(controller_.commands.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<core::ReloadCommand>(controller_.commands[0]));
  EXPECT_TRUE(std::holds_alternative<core::ShutdownCommand>(controller_.commands[1]));
}

TEST_F(RouterTest, ControllerErrorsUseTheStatusTable) {
  struct Case {
    Errc code;
    int status;
    const char* name;
  };
  const Case cases[] = {{Errc::NotFound, 404, "not_found"},
                        {Errc::InvalidArgument, 400, "invalid_argument"},
                        {Errc::InvalidConfig, 422, "invalid_config"},
                        {Errc::Conflict, 409, "conflict"},
                        {Errc::Unavailable, 503, "unavailable"},
                        {Errc::Io, 500, "io"},
                        {Errc::Internal, 500, "internal"}};
  for (const Case& c : cases) {
    controller_.next_result = make_error(c.code, "it went wrong");
    Response response = call("POST", "/v1/reload");
    EXPECT_EQ(response.status, c.status) << c.name;
    EXPECT_EQ(response.body,
              std::string(R"({"error":{"code":")") + c.name + R"(","message":"it went wrong"}})");
  }
}

TEST_F(RouterTest, ConfigErrorsKeepTheirLocation) {
  Error error = make_error(Errc::InvalidConfig, "unknown key");
  error.where = SourceLocation{"drover.yaml", 3, 5};
  controller_.next_result = error;
  EXPECT_NE(call("POST", "/v1/reload").body.find("drover.yaml:3:5: unknown key"),
            std::string::npos);
}

TEST_F(RouterTest, ControllerExceptionIs500) {
  controller_.throw_on_execute = true;
  Response response = call("POST", "/v1/shutdown");
  EXPECT_EQ(response.status, 500);
  EXPECT_NE(response.body.find("controller exploded"), std::string::npos);
}

TEST_F(RouterTest, UnknownPathIs404) {
  for (const char* target : {"/", "/v1", "/v2/services", "/v1/services/web/frobnicate",
                             "/v1/services/", "/v1/services//start", "/v1/health/"}) {
    Response response = call("GET", target);
    EXPECT_EQ(response.status, 404) << target;
    EXPECT_NE(response.body.find(R"("code":"not_found")"), std::string::npos) << target;
  }
}

TEST_F(RouterTest, WrongMethodIs405WithAllow) {
  Response response = call("DELETE", "/v1/services/web");
  EXPECT_EQ(response.status, 405);
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0], (std::pair<std::string, std::string>{"Allow", "GET"}));
  EXPECT_EQ(call("GET", "/v1/services/web/start").headers.at(0).second, "POST");
  EXPECT_EQ(call("GET", "/v1/shutdown").status, 405);
  EXPECT_EQ(call("POST", "/v1/services").status, 405);
  EXPECT_EQ(call("get", "/v1/health").status, 405);  // Methods are case-sensitive.
  EXPECT_TRUE(controller_.commands.empty());
}

TEST_F(RouterTest, QueryStringIsIgnored) {
  EXPECT_EQ(call("GET", "/v1/services?verbose=1").status, 200);
}

TEST_F(RouterTest, NamesArePercentDecoded) {
  EXPECT_EQ(call("POST", "/v1/services/my%20svc/start").status, 200);
  EXPECT_EQ(only_command<core::StartCommand>().names, std::vector<std::string>{"my svc"});
}

TEST_F(RouterTest, MalformedTargetsAre400) {
  for (const char* target :
       {"", "v1/health", "http://localhost/v1/health", "/v1/services/%zz", "/v1/services/web%2"}) {
    EXPECT_EQ(call("GET", target).status, 400) << target;
  }
}

// The route table and docs/api.md must not drift: every route is documented.
TEST_F(RouterTest, EveryRouteIsInTheApiDoc) {
  const char* source_dir = std::getenv("DROVER_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr) << "ctest sets DROVER_SOURCE_DIR";
  std::ifstream file(std::string(source_dir) + "/docs/api.md");
  ASSERT_TRUE(file) << "docs/api.md is missing";
  std::stringstream doc;
  doc << file.rdbuf();
  for (const Route& route : routes()) {
    std::string heading = "### " + std::string(route.method) + " " + std::string(route.pattern);
    EXPECT_NE(doc.str().find(heading), std::string::npos) << "not documented: " << heading;
  }
}

}  // namespace
}  // namespace drover::api
