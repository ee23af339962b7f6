// supervisord's config search path for the `supervisord` alias.
#include "config/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace drover::config {
namespace {

namespace fs = std::filesystem;

class SupervisordLocateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "drover-sdlocate-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    fs::create_directories(dir_ / "bin");
    fs::create_directories(dir_ / "work/etc");
    old_cwd_ = fs::current_path();
    fs::current_path(dir_ / "work");
  }
  void TearDown() override {
    fs::current_path(old_cwd_);
    fs::remove_all(dir_);
  }
  void touch(const fs::path& path) { std::ofstream(path) << "[supervisord]\n"; }
  std::string argv0() const { return (dir_ / "bin/supervisord").string(); }

  fs::path dir_;
  fs::path old_cwd_;
};

TEST_F(SupervisordLocateTest, BesideTheBinaryComesFirst) {
  fs::create_directories(dir_ / "etc");
  touch(dir_ / "etc/supervisord.conf");
  touch(dir_ / "work/supervisord.conf");
  EXPECT_EQ(*locate_supervisord_config("", argv0()),
            (dir_ / "bin/../etc/supervisord.conf").string());
}

TEST_F(SupervisordLocateTest, ThenTheWorkingDirectory) {
  touch(dir_ / "work/etc/supervisord.conf");
  EXPECT_EQ(*locate_supervisord_config("", argv0()), "etc/supervisord.conf");
  touch(dir_ / "work/supervisord.conf");
  EXPECT_EQ(*locate_supervisord_config("", argv0()), "supervisord.conf");
}

TEST_F(SupervisordLocateTest, ExplicitPathMustExist) {
  Result<std::string> found = locate_supervisord_config("missing.conf", argv0());
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().message, "config file \"missing.conf\": No such file or directory");
}

TEST_F(SupervisordLocateTest, NothingFoundListsEveryPath) {
  if (fs::exists("/etc/supervisord.conf") || fs::exists("/etc/supervisor/supervisord.conf")) {
    GTEST_SKIP() << "this machine has a system-wide supervisord.conf";
  }
  Result<std::string> found = locate_supervisord_config("", argv0());
  ASSERT_FALSE(found);
  std::string bin = (dir_ / "bin").string();
  EXPECT_EQ(found.error().message,
            "No config file found at default paths (" + bin + "/../etc/supervisord.conf, " + bin +
                "/../supervisord.conf, supervisord.conf, etc/supervisord.conf, "
                "/etc/supervisord.conf, /etc/supervisor/supervisord.conf); use the -c option to "
                "specify a config file at a different path");
}

}  // namespace
}  // namespace drover::config
