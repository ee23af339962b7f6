// Valid `log` configs: the defaults, every key of a service's `log` map and
// the log settings.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::error_lines;
using test::load;

core::Model load_ok(const std::string& yaml) {
  LoadResult result = load(yaml);
  EXPECT_EQ(error_lines(result), std::vector<std::string>{});
  return result.model.value_or(core::Model{});
}

core::LogSpec log_of(const std::string& log_yaml) {
  core::Model model = load_ok("services:\n  web:\n    command: x\n    log:\n" + log_yaml);
  return model.services.empty() ? core::LogSpec{} : model.services[0].log;
}

TEST(LoadValidLogTest, DefaultsMatchTheDocumentedOnes) {
  core::Model model = load_ok("services:\n  web: {command: x}\n");
  EXPECT_EQ(model.settings.log_dir, "");
  EXPECT_EQ(model.settings.log_format, core::LogFormat::Text);
  EXPECT_FALSE(model.settings.log_timestamps);
  const core::LogSpec& log = model.services.at(0).log;
  EXPECT_EQ(log, core::LogSpec{});
  EXPECT_EQ(log.dir, "");
  EXPECT_EQ(log.stdout_file, "");
  EXPECT_EQ(log.stderr_file, "");
  EXPECT_FALSE(log.merge_stderr);
  EXPECT_TRUE(log.files);
  EXPECT_EQ(log.max_size, 10u * 1024 * 1024);
  EXPECT_EQ(log.backups, 5);
  EXPECT_TRUE(log.console);
  EXPECT_EQ(log.ring, 1024u * 1024);
  EXPECT_EQ(log.max_line, 64u * 1024);
}

TEST(LoadValidLogTest, EveryLogKeyIsRead) {
  core::LogSpec log = log_of(
      "      dir: /var/log/web\n"
      "      stdout_file: access.log\n"
      "      stderr_file: error.log\n"
      "      merge_stderr: true\n"
      "      file: none\n"
      "      max_size: 500\n"
      "      backups: 0\n"
      "      console: false\n"
      "      ring: 0\n"
      "      max_line: 1KiB\n"
      "      follow: [/var/log/nginx/access.log, /var/log/nginx/error.log]\n");
  core::LogSpec expected;
  expected.dir = "/var/log/web";
  expected.stdout_file = "access.log";
  expected.stderr_file = "error.log";
  expected.merge_stderr = true;
  expected.files = false;
  expected.max_size = 500;
  expected.backups = 0;
  expected.console = false;
  expected.ring = 0;
  expected.max_line = 1024;
  expected.follow = {"/var/log/nginx/access.log", "/var/log/nginx/error.log"};
  EXPECT_EQ(log, expected);
}

std::vector<std::string> follow_of(const std::string& service_yaml) {
  LoadResult result = load_text("services:\n  web:\n    command: x\n" + service_yaml,
                                "/etc/drover/drover.yaml", {{"LOGS", "/srv/logs"}});
  EXPECT_EQ(error_lines(result), std::vector<std::string>{});
  return result.model ? result.model->services.at(0).log.follow : std::vector<std::string>{};
}

TEST(LoadValidLogTest, RelativeFollowPathsCountFromTheConfigFileDirectory) {
  EXPECT_EQ(follow_of("    log:\n      follow: [access.log, ../x/./e.log, /abs.log]\n"),
            (std::vector<std::string>{"/etc/drover/access.log", "/etc/x/e.log", "/abs.log"}));
}

TEST(LoadValidLogTest, RelativeFollowPathsCountFromTheWorkingDirWhenSet) {
  EXPECT_EQ(follow_of("    working_dir: /srv/web\n    log:\n      follow: [logs/a.log]\n"),
            std::vector<std::string>{"/srv/web/logs/a.log"});
  EXPECT_EQ(follow_of("    working_dir: web\n    log:\n      follow: [a.log]\n"),
            std::vector<std::string>{"/etc/drover/web/a.log"});
}

TEST(LoadValidLogTest, FollowPathsExpandVariables) {
  EXPECT_EQ(follow_of("    log:\n      follow: [\"${LOGS}/access.log\"]\n"),
            std::vector<std::string>{"/srv/logs/access.log"});
}

TEST(LoadValidLogTest, SizesTakeDecimalAndBinaryUnits) {
  EXPECT_EQ(log_of("      max_size: 10MB\n").max_size, 10'000'000u);
  EXPECT_EQ(log_of("      max_size: 1MiB\n").max_size, 1'048'576u);
  EXPECT_EQ(log_of("      max_size: 512KB\n").max_size, 512'000u);
  EXPECT_EQ(log_of("      max_size: 1GB\n").max_size, 1'000'000'000u);
  EXPECT_EQ(log_of("      max_size: 0\n").max_size, 0u);
  EXPECT_EQ(log_of("      ring: 4MiB\n").ring, 4u << 20);
  EXPECT_EQ(log_of("      max_line: 1024\n").max_line, 1024u);
}

TEST(LoadValidLogTest, EmptyLogMapKeepsTheDefaults) {
  EXPECT_EQ(log_of(""), core::LogSpec{});
  core::Model model = load_ok("services:\n  web:\n    command: x\n    log: {}\n");
  EXPECT_EQ(model.services.at(0).log, core::LogSpec{});
}

TEST(LoadValidLogTest, LogSettingsAreRead) {
  core::Model model = load_ok(
      "settings:\n  log_dir: /var/log/drover\n  log_format: json\n  log_timestamps: true\n"
      "services:\n  web: {command: x}\n");
  EXPECT_EQ(model.settings.log_dir, "/var/log/drover");
  EXPECT_EQ(model.settings.log_format, core::LogFormat::Json);
  EXPECT_TRUE(model.settings.log_timestamps);
  model = load_ok("settings:\n  log_format: text\nservices:\n  web: {command: x}\n");
  EXPECT_EQ(model.settings.log_format, core::LogFormat::Text);
}

}  // namespace
}  // namespace drover::config
