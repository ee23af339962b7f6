// GET /health through the router: the status code follows the aggregated
// verdict, and the body names every service and every reason.
#include "api/router.h"
#include "api/testing/recording_controller.h"

#include <gtest/gtest.h>

namespace drover::api {
namespace {

Response get_health(testing::RecordingController& controller) {
  return handle_request(controller, Request{"GET", "/health", ""});
}

TEST(StackHealthTest, AllUpIs200) {
  testing::RecordingController controller;
  controller.views = testing::sample_views();  // web RUNNING; a oneshot that is not required.
  Response response = get_health(controller);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, R"({"status":"healthy","reasons":[],"services":[)"
                           R"({"name":"web","state":"RUNNING","health":"","health_output":"",)"
                           R"("description":"pid 4242, uptime 1:02:03"},)"
                           R"({"name":"database","state":"EXITED","health":"","health_output":"",)"
                           R"("description":"exit status 1"}]})");
}

TEST(StackHealthTest, UnhealthyLongrunIs503WithTheReason) {
  testing::RecordingController controller;
  controller.views = testing::sample_views();
  controller.views[0].health = "unhealthy";
  controller.views[0].health_output = "HTTP 500";
  Response response = get_health(controller);
  EXPECT_EQ(response.status, 503);
  EXPECT_NE(response.body.find(R"("status":"unhealthy","reasons":["web is unhealthy: HTTP 500"])"),
            std::string::npos)
      << response.body;
}

TEST(StackHealthTest, OtherMethodsAre405) {
  testing::RecordingController controller;
  EXPECT_EQ(handle_request(controller, Request{"POST", "/health", ""}).status, 405);
}

}  // namespace
}  // namespace drover::api
