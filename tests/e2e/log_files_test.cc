// Per-service log files through the real binary: every line arrives, in
// order, across many rotations; stderr goes to its own file or is merged;
// lines from concurrent writers are never torn; a partial last line is kept.
#include "harness/drover_instance.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace drover::e2e {
namespace {

bool exists(const std::string& path) { return std::ifstream(path).good(); }

TEST(LogFilesTest, MillionLinesSurviveManyRotationsCompleteAndInOrder) {
  DroverInstance drover;
  drover.write_config(R"(services:
  chatty:
    type: oneshot
    command: @TESTSVC@ --print 1000000 --exit 0
    log:
      dir: @DIR@/logs
      max_size: 1MB
      backups: 30
      console: false
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("chatty", "EXITED", std::chrono::seconds(120)));
  // Oldest first: chatty.out.log.N ... .1, then chatty.out.log.
  std::string base = drover.path("logs/chatty.out.log");
  std::vector<std::string> files;
  for (int i = 30; i >= 1; --i) {
    std::string rotated = base + "." + std::to_string(i);
    if (exists(rotated)) {
      files.push_back(rotated);
    }
  }
  files.push_back(base);
  ASSERT_GT(files.size(), 5u) << "expected many rotations";
  int expected = 1;
  for (const std::string& file : files) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
      ASSERT_EQ(line, "line " + std::to_string(expected)) << "in " << file;
      ++expected;
    }
  }
  EXPECT_EQ(expected, 1000001);
}

TEST(LogFilesTest, StderrHasItsOwnFileUnlessMerged) {
  DroverInstance drover;
  drover.write_config(R"(services:
  split:
    type: oneshot
    command: @TESTSVC@ --print 2 --print-stderr 2 --exit 0
  merged:
    type: oneshot
    command: @TESTSVC@ --print-stderr 1 --exit 0
    log:
      merge_stderr: true
)",
                      "  log_dir: @DIR@/logs\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("split", "EXITED"));
  ASSERT_TRUE(drover.wait_state("merged", "EXITED"));
  EXPECT_EQ(drover.read_file("logs/split.out.log"), "line 1\nline 2\n");
  EXPECT_EQ(drover.read_file("logs/split.err.log"), "err 1\nerr 2\n");
  EXPECT_EQ(drover.read_file("logs/merged.out.log"), "err 1\n");
  EXPECT_FALSE(exists(drover.path("logs/merged.err.log")));
}

TEST(LogFilesTest, PartialLastLineIsWrittenWhenTheProcessExits) {
  DroverInstance drover;
  drover.write_config(R"(services:
  partial:
    type: oneshot
    command: @TESTSVC@ --say first --say-partial tail-without-newline --exit 0
)",
                      "  log_dir: @DIR@/logs\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("partial", "EXITED"));
  EXPECT_TRUE(wait_until([&] {
    return drover.read_file("logs/partial.out.log") == "first\ntail-without-newline\n";
  })) << drover.read_file("logs/partial.out.log");
}

TEST(LogFilesTest, ConcurrentWritersNeverTearALineInAnySink) {
  DroverInstance drover;
  std::string yaml = "services:\n";
  for (int i = 0; i < 10; ++i) {
    yaml += "  w" + std::to_string(i) + ":\n    type: oneshot\n" +
            "    command: @TESTSVC@ --print 20000 --exit 0\n";
  }
  drover.write_config(yaml, "  log_dir: @DIR@/logs\n");
  ASSERT_TRUE(drover.start());
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(drover.wait_state("w" + std::to_string(i), "EXITED", std::chrono::seconds(60)));
  }
  // The unified stream: every line is "wN | line K", whole.
  std::istringstream console(drover.stdout_text());
  std::string line;
  int count = 0;
  while (std::getline(console, line)) {
    ASSERT_TRUE(matches_shape(line, "w# | line *")) << "torn line: " << line;
    ++count;
  }
  EXPECT_EQ(count, 200000);
  for (int i = 0; i < 10; ++i) {
    std::ifstream file(drover.path("logs/w" + std::to_string(i) + ".out.log"));
    int expected = 1;
    while (std::getline(file, line)) {
      ASSERT_EQ(line, "line " + std::to_string(expected));
      ++expected;
    }
    EXPECT_EQ(expected, 20001);
  }
}

TEST(LogFilesTest, UnwritableLogFileIsReportedOnceAndTheServiceKeepsRunning) {
  DroverInstance drover;
  drover.write_config(R"(services:
  full:
    command: @TESTSVC@ --print 100
    start_period: 0
    log:
      dir: /dev
      stdout_file: full
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("full", "RUNNING"));
  EXPECT_TRUE(wait_until([&] {
    return drover.stderr_text().find("unable to write /dev/full: No space left on device") !=
           std::string::npos;
  })) << drover.stderr_text();
  std::string err = drover.stderr_text();
  EXPECT_EQ(err.find("unable to write /dev/full"), err.rfind("unable to write /dev/full"));
  EXPECT_EQ(drover.state_of("full"), "RUNNING");
  // Status counts what was dropped.
  EXPECT_TRUE(wait_until([&] {
    std::string description(drover.service("full").at("description").as_string());
    return description.find("bytes of log output dropped") != std::string::npos;
  })) << boost::json::serialize(drover.services_json());
  // The lines still reach the unified stream.
  EXPECT_TRUE(wait_until(
      [&] { return drover.stdout_text().find("full | line 100") != std::string::npos; }));
}

}  // namespace
}  // namespace drover::e2e
