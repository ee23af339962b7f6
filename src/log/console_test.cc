// The unified stream's line formats as golden strings, read back through a
// pipe exactly as drover's stdout would carry them.
#include "log/console.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

namespace drover::log {
namespace {

using core::LogFormat;
using core::LogStream;

constexpr int64_t kTime = 1795452749123;  // 2026-11-23T16:52:29.123Z

class ConsoleTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(::pipe2(fds_, O_CLOEXEC | O_NONBLOCK), 0); }
  void TearDown() override {
    ::close(fds_[0]);
    ::close(fds_[1]);
  }

  // Everything flushed so far.
  std::string output() {
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = ::read(fds_[0], buffer, sizeof buffer)) > 0;) {
      out.append(buffer, static_cast<size_t>(n));
    }
    return out;
  }

  int fds_[2] = {-1, -1};
};

TEST_F(ConsoleTest, TextPadsNames) {
  Console console(fds_[1], ConsoleOptions{});
  console.set_name_width(6);
  console.append("web", 0, LogStream::Stdout, kTime, "listening on :8000", false);
  console.append("worker", 1, LogStream::Stderr, kTime, "", false);
  console.flush();
  EXPECT_EQ(output(), "web    | listening on :8000\nworker |\n");
}

TEST_F(ConsoleTest, TextMarksContinuedPieces) {
  Console console(fds_[1], ConsoleOptions{});
  console.append("web", 0, LogStream::Stdout, kTime, "aaaa", true);
  console.append("web", 0, LogStream::Stdout, kTime, "bb", false);
  console.flush();
  EXPECT_EQ(output(), "web + aaaa\nweb | bb\n");
}

TEST_F(ConsoleTest, TextWithTimestamps) {
  Console console(fds_[1], ConsoleOptions{.timestamps = true});
  console.set_name_width(4);
  console.append("web", 0, LogStream::Stdout, kTime, "line", false);
  console.flush();
  EXPECT_EQ(output(), "2026-11-23T16:52:29.123Z web  | line\n");
}

TEST_F(ConsoleTest, TextWithColour) {
  Console console(fds_[1], ConsoleOptions{.color = true, .timestamps = true});
  console.append("web", 1, LogStream::Stdout, kTime, "line", false);
  console.append("db", 9, LogStream::Stdout, kTime, "x", false);  // Colours wrap around.
  console.flush();
  EXPECT_EQ(output(),
            "2026-11-23T16:52:29.123Z \033[33mweb |\033[0m line\n"
            "2026-11-23T16:52:29.123Z \033[33mdb |\033[0m x\n");
}

TEST_F(ConsoleTest, Json) {
  Console console(fds_[1], ConsoleOptions{.color = true, .format = LogFormat::Json});
  console.set_name_width(10);  // Neither padding nor colour in JSON.
  console.append("web", 0, LogStream::Stdout, kTime, "GET / \"200\"", false);
  console.append("web", 0, LogStream::Stderr, kTime, "tab\there", false);
  console.flush();
  EXPECT_EQ(
      output(),
      R"({"ts":"2026-11-23T16:52:29.123Z","service":"web","stream":"stdout","line":"GET / \"200\""})"
      "\n"
      R"({"ts":"2026-11-23T16:52:29.123Z","service":"web","stream":"stderr","line":"tab\u0009here"})"
      "\n");
}

TEST_F(ConsoleTest, JsonMarksContinuedPieces) {
  Console console(fds_[1], ConsoleOptions{.format = LogFormat::Json});
  console.append(core::LogEntry{1, kTime, "web", LogStream::Stdout, true, "aaaa"}, 0);
  console.flush();
  EXPECT_EQ(
      output(),
      R"({"ts":"2026-11-23T16:52:29.123Z","service":"web","stream":"stdout","line":"aaaa","continued":true})"
      "\n");
}

TEST_F(ConsoleTest, ABlockIsFormattedLineByLine) {
  Console console(fds_[1], ConsoleOptions{.timestamps = true});
  console.set_name_width(4);
  console.append("web", 0, LineBlock{"one\n\nthree\n", 3, 7, kTime, LogStream::Stdout, false});
  console.append("web", 0, LineBlock{"piece\n", 1, 10, kTime, LogStream::Stdout, true});
  console.flush();
  EXPECT_EQ(output(),
            "2026-11-23T16:52:29.123Z web  | one\n"
            "2026-11-23T16:52:29.123Z web  |\n"
            "2026-11-23T16:52:29.123Z web  | three\n"
            "2026-11-23T16:52:29.123Z web  + piece\n");
}

TEST_F(ConsoleTest, ABlockInJson) {
  Console console(fds_[1], ConsoleOptions{.format = LogFormat::Json});
  console.append("web", 0, LineBlock{"a\nb\n", 2, 1, kTime, LogStream::Stderr, false});
  console.flush();
  EXPECT_EQ(output(),
            R"({"ts":"2026-11-23T16:52:29.123Z","service":"web","stream":"stderr","line":"a"})"
            "\n"
            R"({"ts":"2026-11-23T16:52:29.123Z","service":"web","stream":"stderr","line":"b"})"
            "\n");
}

TEST_F(ConsoleTest, NothingIsWrittenBeforeFlush) {
  Console console(fds_[1], ConsoleOptions{});
  console.append("web", 0, LogStream::Stdout, kTime, "line", false);
  EXPECT_EQ(output(), "");
  console.flush();
  console.flush();
  EXPECT_EQ(output(), "web | line\n");
}

}  // namespace
}  // namespace drover::log
