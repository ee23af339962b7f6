#include "core/model.h"

#include <gtest/gtest.h>

#include <chrono>

namespace drover::core {
namespace {

using std::chrono::seconds;

TEST(ModelTest, FindReturnsTheServiceWithThatName) {
  Model model;
  model.services.resize(2);
  model.services[0].name = "db";
  model.services[1].name = "web";
  ASSERT_NE(model.find("web"), nullptr);
  EXPECT_EQ(model.find("web"), &model.services[1]);
  EXPECT_EQ(model.find("db"), &model.services[0]);
}

TEST(ModelTest, FindReturnsNullForAnUnknownName) {
  Model model;
  EXPECT_EQ(model.find("web"), nullptr);
  model.services.resize(1);
  model.services[0].name = "db";
  EXPECT_EQ(model.find("DB"), nullptr);
  EXPECT_EQ(model.find(""), nullptr);
}

TEST(ModelTest, SpecDefaultsAreTheDocumentedOnes) {
  ServiceSpec spec;
  EXPECT_EQ(spec.runtime, RuntimeKind::Process);
  EXPECT_EQ(spec.type, ServiceType::Longrun);
  EXPECT_EQ(spec.restart, RestartPolicy::Always);
  EXPECT_EQ(spec.success_exit_codes, std::vector<int>{0});
  EXPECT_EQ(spec.start_period, seconds(1));
  EXPECT_EQ(spec.start_retries, 3);
  EXPECT_EQ(spec.stop_signal, 15);
  EXPECT_EQ(spec.stop_target, SignalTarget::Group);
  EXPECT_EQ(spec.stop_timeout, seconds(10));
  EXPECT_FALSE(spec.required);
  EXPECT_TRUE(spec.autostart);
  EXPECT_EQ(Settings{}.shutdown_timeout, seconds(30));
}

}  // namespace
}  // namespace drover::core
