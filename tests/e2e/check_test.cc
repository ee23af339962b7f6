// `drover check` and config lookup through the real binary.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <fstream>

namespace drover::e2e {
namespace {

TEST(CheckTest, ValidConfigExitsZero) {
  DroverInstance drover;
  drover.write_config("services:\n  web:\n    command: @TESTSVC@\n");
  CommandResult check = run_command({drover_binary(), "check", "-c", drover.config_path()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  EXPECT_NE(check.out.find("ok, 1 service(s)"), std::string::npos) << check.out;
}

TEST(CheckTest, EveryErrorIsOneLineWithFileLineColumnAndField) {
  DroverInstance drover;
  std::ofstream(drover.config_path()) << "services:\n"
                                      << "  web:\n"
                                      << "    command: x\n"
                                      << "    restrat: always\n"
                                      << "    stop_timeout: 10 seconds\n";
  CommandResult check = run_command({drover_binary(), "check", "-c", drover.config_path()});
  EXPECT_EQ(check.exit_code, 2);
  std::string path = drover.config_path();
  EXPECT_EQ(check.err, path +
                           ":4:5: services.web.restrat: unknown key; did you mean \"restart\"?\n" +
                           path + ":5:19: services.web.stop_timeout: invalid duration \"10 " +
                           "seconds\"; expected a number with a unit: 500ms, 10s, 2m, 1h\n");
}

TEST(CheckTest, ConfigIsFoundThroughTheEnvironmentVariable) {
  DroverInstance drover;
  drover.write_config("services:\n  web:\n    command: @TESTSVC@\n");
  CommandResult check = run_command({drover_binary(), "check"}, std::chrono::seconds(10),
                                    {"DROVER_CONFIG=" + drover.config_path()});
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

TEST(CheckTest, MissingConfigFileIsAUsageError) {
  CommandResult check = run_command({drover_binary(), "check", "-c", "/nonexistent/drover.yaml"});
  EXPECT_EQ(check.exit_code, 2);
  EXPECT_NE(check.err.find("/nonexistent/drover.yaml"), std::string::npos) << check.err;
}

TEST(CheckTest, UpRefusesAnInvalidConfigWithExitTwo) {
  DroverInstance drover;
  drover.write_config("services:\n  web:\n    command: @TESTSVC@\n    type: daemon\n");
  drover.launch();
  EXPECT_EQ(drover.wait_exit(), 2);
  EXPECT_NE(drover.stderr_text().find("services.web.type"), std::string::npos)
      << drover.stderr_text();
}

TEST(CheckTest, VersionPrintsTheVersion) {
  CommandResult version = run_command({drover_binary(), "version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("drover ", 0), 0u) << version.out;
}

TEST(CheckTest, SecondDroverOnTheSameSocketRefusesToStart) {
  DroverInstance first;
  first.write_config("services:\n  web:\n    command: @TESTSVC@\n");
  ASSERT_TRUE(first.start());
  CommandResult second =
      run_command({drover_binary(), "up", "-c", first.config_path()}, std::chrono::seconds(10));
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("already listening"), std::string::npos) << second.err;
  EXPECT_EQ(first.state_of("web").empty(), false);
}

}  // namespace
}  // namespace drover::e2e
