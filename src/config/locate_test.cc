// Finding the config file, the default control socket, the process
// environment, and load_file on files that cannot be read.
#include "config/config.h"
#include "config/control_socket.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace drover::config {
namespace {

namespace fs = std::filesystem;

// Runs each test inside a fresh temp directory (the lookup reads ./drover.yaml).
class LocateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "drover-locate-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    old_cwd_ = fs::current_path();
    fs::current_path(dir_);
  }
  void TearDown() override {
    fs::current_path(old_cwd_);
    fs::remove_all(dir_);
  }
  void touch(const std::string& name) { std::ofstream(dir_ / name) << "services: {}\n"; }

  fs::path dir_;
  fs::path old_cwd_;
};

TEST_F(LocateTest, ExplicitPathWins) {
  touch("drover.yaml");
  touch("mine.yaml");
  Result<std::string> path = locate_config("mine.yaml", {{"DROVER_CONFIG", "drover.yaml"}});
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(*path, "mine.yaml");
}

TEST_F(LocateTest, MissingExplicitPathIsAnErrorEvenIfOthersExist) {
  touch("drover.yaml");
  Result<std::string> path = locate_config("nope.yaml", {});
  ASSERT_FALSE(path.has_value());
  EXPECT_EQ(path.error().code, Errc::NotFound);
  EXPECT_EQ(path.error().to_string(), "config file \"nope.yaml\": No such file or directory");
}

TEST_F(LocateTest, EnvironmentVariableComesNext) {
  touch("drover.yaml");
  touch("env.yaml");
  Result<std::string> path = locate_config("", {{"DROVER_CONFIG", "env.yaml"}});
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(*path, "env.yaml");
}

TEST_F(LocateTest, MissingEnvironmentPathIsAnError) {
  touch("drover.yaml");
  Result<std::string> path = locate_config("", {{"DROVER_CONFIG", "gone.yaml"}});
  ASSERT_FALSE(path.has_value());
  EXPECT_EQ(path.error().to_string(),
            "$DROVER_CONFIG names \"gone.yaml\": No such file or directory");
}

TEST_F(LocateTest, EmptyEnvironmentVariableIsIgnored) {
  touch("drover.yaml");
  Result<std::string> path = locate_config("", {{"DROVER_CONFIG", ""}});
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(*path, "./drover.yaml");
}

TEST_F(LocateTest, WorkingDirectoryFileComesBeforeEtc) {
  touch("drover.yaml");
  Result<std::string> path = locate_config("", {});
  ASSERT_TRUE(path.has_value());
  EXPECT_EQ(*path, "./drover.yaml");
}

TEST_F(LocateTest, NothingFoundListsWhatWasTried) {
  if (fs::exists("/etc/drover/drover.yaml")) {
    GTEST_SKIP() << "/etc/drover/drover.yaml exists on this machine";
  }
  Result<std::string> path = locate_config("", {});
  ASSERT_FALSE(path.has_value());
  EXPECT_EQ(path.error().code, Errc::NotFound);
  EXPECT_EQ(path.error().to_string(),
            "no config file found; tried ./drover.yaml and /etc/drover/drover.yaml (use -c FILE "
            "or set DROVER_CONFIG)");
}

TEST_F(LocateTest, LoadFileReadsTheFile) {
  std::ofstream(dir_ / "drover.yaml") << "services:\n  a:\n    command: x\n";
  LoadResult result = load_file("drover.yaml", {});
  ASSERT_TRUE(result.model.has_value());
  EXPECT_EQ(result.model->source_file, "drover.yaml");
  EXPECT_EQ(result.model->services[0].argv, std::vector<std::string>{"x"});
}

TEST_F(LocateTest, LoadFileOnMissingFileNamesPathAndReason) {
  LoadResult result = load_file("missing.yaml", {});
  EXPECT_FALSE(result.model.has_value());
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].code, Errc::Io);
  EXPECT_EQ(result.errors[0].to_string(),
            "cannot read \"missing.yaml\": No such file or directory");
}

TEST_F(LocateTest, LoadFileOnDirectoryNamesPathAndReason) {
  fs::create_directory(dir_ / "conf.d");
  LoadResult result = load_file("conf.d", {});
  ASSERT_EQ(result.errors.size(), 1u);
  EXPECT_EQ(result.errors[0].to_string(), "cannot read \"conf.d\": Is a directory");
}

TEST(ControlSocketTest, RootUsesRun) {
  EXPECT_EQ(default_control_socket_for(0, {{"XDG_RUNTIME_DIR", "/run/user/0"}}),
            "/run/drover.sock");
}

TEST(ControlSocketTest, UserUsesXdgRuntimeDir) {
  EXPECT_EQ(default_control_socket_for(1000, {{"XDG_RUNTIME_DIR", "/run/user/1000"}}),
            "/run/user/1000/drover.sock");
}

TEST(ControlSocketTest, UserWithoutXdgRuntimeDirUsesTmp) {
  EXPECT_EQ(default_control_socket_for(1000, {}), "/tmp/drover-1000.sock");
  EXPECT_EQ(default_control_socket_for(1000, {{"XDG_RUNTIME_DIR", ""}}), "/tmp/drover-1000.sock");
}

TEST(ControlSocketTest, DefaultFollowsTheEffectiveUid) {
  EXPECT_EQ(default_control_socket({}), default_control_socket_for(::geteuid(), {}));
}

TEST(ProcessEnvironmentTest, ReflectsEnviron) {
  ASSERT_EQ(::setenv("DROVER_CONFIG_TEST_VAR", "a=b", 1), 0);
  Environment env = process_environment();
  ::unsetenv("DROVER_CONFIG_TEST_VAR");
  EXPECT_EQ(env["DROVER_CONFIG_TEST_VAR"], "a=b");
}

}  // namespace
}  // namespace drover::config
