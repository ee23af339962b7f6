// log.follow through the real binary: a file the service writes itself is
// tailed into the unified stream and the ring, across rotation by rename and
// truncation, and a file that appears later is picked up.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace drover::e2e {
namespace {

void append(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::app) << text;
}

TEST(FollowFilesTest, AccessLogLinesSurviveRotationAndTruncationInOrder) {
  DroverInstance drover;
  std::string access = drover.path("access.log");
  append(access, "old line before drover\n");
  drover.write_config(R"(services:
  web:
    command: @TESTSVC@
    start_period: 0
    log:
      follow: [@DIR@/access.log, @DIR@/later.log]
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "RUNNING"));
  auto in_logs = [&](const std::string& text) {
    return wait_until([&] {
      return drover.cli({"logs", "web", "-n", "all"}).out.find(text) != std::string::npos;
    });
  };
  append(access, "GET /one\n");
  ASSERT_TRUE(in_logs("GET /one\n"));
  // Rotation by rename: the writer appends to the old file, then a new file appears.
  ASSERT_EQ(std::rename(access.c_str(), (access + ".1").c_str()), 0);
  append(access + ".1", "GET /two (old file)\n");
  append(access, "GET /three (new file)\n");
  ASSERT_TRUE(in_logs("GET /three (new file)\n"));
  // Truncation.
  std::ofstream(access, std::ios::trunc).close();
  append(access, "GET /four\n");
  ASSERT_TRUE(in_logs("GET /four\n"));
  // A file that did not exist at start.
  append(drover.path("later.log"), "appeared later\n");
  ASSERT_TRUE(in_logs("appeared later\n"));

  std::string all = drover.cli({"logs", "web", "-n", "all"}).out;
  EXPECT_EQ(all.find("old line before drover"), std::string::npos) << all;
  EXPECT_EQ(all,
            "GET /one\nGET /two (old file)\nGET /three (new file)\nGET /four\nappeared later\n");
  EXPECT_TRUE(wait_until(
      [&] { return drover.stdout_text().find("web | GET /four\n") != std::string::npos; }));
}

}  // namespace
}  // namespace drover::e2e
