// The unified stream on drover's stdout through the real binary: the JSON
// format for log shippers, timestamps, and services kept off the console.
#include "harness/drover_instance.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <sstream>

namespace drover::e2e {
namespace {

TEST(ConsoleStreamTest, JsonFormatIsOneObjectPerLine) {
  DroverInstance drover;
  drover.write_config(R"(services:
  api:
    type: oneshot
    command: ["@TESTSVC@", "--say", "quote \" and tab \t here", "--print-stderr", "1", "--exit", "0"]
)",
                      "  log_format: json\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("api", "EXITED"));
  ASSERT_TRUE(wait_until([&] { return drover.stdout_text().find("err 1") != std::string::npos; }));
  std::istringstream lines(drover.stdout_text());
  std::string line;
  int seen = 0;
  while (std::getline(lines, line)) {
    boost::json::object object = boost::json::parse(line).as_object();
    EXPECT_EQ(object.at("service").as_string(), "api");
    EXPECT_TRUE(object.contains("ts"));
    if (object.at("stream").as_string() == "stdout") {
      EXPECT_EQ(object.at("line").as_string(), "quote \" and tab \t here");
    } else {
      EXPECT_EQ(object.at("line").as_string(), "err 1");
    }
    ++seen;
  }
  EXPECT_EQ(seen, 2);
}

TEST(ConsoleStreamTest, TimestampsPrefixEachLine) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    type: oneshot
    command: @TESTSVC@ --say hello --exit 0
)",
                      "  log_timestamps: true\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "EXITED"));
  EXPECT_TRUE(wait_until([&] {
    return matches_shape(drover.stdout_text(), "####-##-##T##:##:##.###Z web | hello\n");
  })) << drover.stdout_text();
}

TEST(ConsoleStreamTest, ConsoleFalseKeepsAServiceOffTheStreamButInItsFile) {
  DroverInstance drover;
  drover.write_config(R"(services:
  quiet:
    type: oneshot
    command: @TESTSVC@ --say secret --exit 0
    log:
      console: false
  loud:
    type: oneshot
    command: @TESTSVC@ --say public --exit 0
)",
                      "  log_dir: @DIR@/logs\n");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("quiet", "EXITED"));
  ASSERT_TRUE(drover.wait_state("loud", "EXITED"));
  EXPECT_TRUE(wait_until([&] { return drover.stdout_text().find("public") != std::string::npos; }));
  EXPECT_EQ(drover.stdout_text().find("secret"), std::string::npos);
  EXPECT_EQ(drover.read_file("logs/quiet.out.log"), "secret\n");
}

TEST(ConsoleStreamTest, LinesLongerThanMaxLineAreSplitAndMarked) {
  DroverInstance drover;
  std::string line = std::string(1024, 'a') + std::string(1024, 'b') + "tail";
  drover.write_config(R"(services:
  long:
    type: oneshot
    command: ["@TESTSVC@", "--say", ")" +
                      line + R"(", "--exit", "0"]
    log:
      max_line: 1KiB
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("long", "EXITED"));
  ASSERT_TRUE(
      wait_until([&] { return drover.stdout_text().find("long | tail") != std::string::npos; }));
  EXPECT_NE(drover.stdout_text().find("long + " + std::string(1024, 'a') + "\n"),
            std::string::npos);
  EXPECT_NE(drover.stdout_text().find("long + " + std::string(1024, 'b') + "\n"),
            std::string::npos);
}

}  // namespace
}  // namespace drover::e2e
