// Reload through the real binary: only what changed is touched, and an
// invalid new config changes nothing.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <fstream>
#include <signal.h>

namespace drover::e2e {
namespace {

int64_t pid_of(DroverInstance& drover, const std::string& name) {
  auto entry = drover.service(name);
  return entry.contains("pid") ? entry.at("pid").as_int64() : 0;
}

TEST(ReloadTest, SighupAppliesOnlyWhatChanged) {
  DroverInstance drover;
  drover.write_config(R"(services:
  keep:
    command: @TESTSVC@
    start_period: 0
  change:
    command: @TESTSVC@ --say v1
    start_period: 0
  drop:
    command: @TESTSVC@
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  for (const char* name : {"keep", "change", "drop"}) {
    ASSERT_TRUE(drover.wait_state(name, "RUNNING")) << name;
  }
  int64_t keep_pid = pid_of(drover, "keep");
  int64_t change_pid = pid_of(drover, "change");

  drover.write_config(R"(services:
  keep:
    command: @TESTSVC@
    start_period: 0
  change:
    command: @TESTSVC@ --say v2
    start_period: 0
  added:
    command: @TESTSVC@
    start_period: 0
)");
  drover.send_signal(SIGHUP);
  EXPECT_TRUE(drover.wait_state("added", "RUNNING"));
  EXPECT_TRUE(wait_until([&] { return drover.state_of("drop").empty(); }));
  EXPECT_TRUE(wait_until([&] {
    return drover.state_of("change") == "RUNNING" && pid_of(drover, "change") != change_pid;
  }));
  EXPECT_EQ(pid_of(drover, "keep"), keep_pid);
  EXPECT_TRUE(
      wait_until([&] { return drover.stdout_text().find("change | v2") != std::string::npos; }));
}

TEST(ReloadTest, InvalidConfigIsRejectedAndNothingChanges) {
  DroverInstance drover;
  drover.write_config(R"(services:
  keep:
    command: @TESTSVC@
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("keep", "RUNNING"));
  int64_t keep_pid = pid_of(drover, "keep");
  drover.write_config(R"(services:
  keep:
    command: @TESTSVC@
    restart: sometimes
)");
  CommandResult reload = drover.cli({"reload"});
  EXPECT_NE(reload.exit_code, 0);
  EXPECT_NE((reload.out + reload.err).find("sometimes"), std::string::npos)
      << reload.out << reload.err;
  EXPECT_EQ(pid_of(drover, "keep"), keep_pid);
  EXPECT_EQ(drover.state_of("keep"), "RUNNING");
}

TEST(ReloadTest, ReloadThroughTheApiStartsAddedServices) {
  DroverInstance drover;
  drover.write_config(R"(services:
  one:
    command: @TESTSVC@
    start_period: 0
)");
  ASSERT_TRUE(drover.start());
  drover.write_config(R"(services:
  one:
    command: @TESTSVC@
    start_period: 0
  two:
    command: @TESTSVC@
    start_period: 0
)");
  CommandResult reload = drover.cli({"reload"});
  EXPECT_EQ(reload.exit_code, 0) << reload.out << reload.err;
  EXPECT_TRUE(drover.wait_state("two", "RUNNING"));
}

}  // namespace
}  // namespace drover::e2e
