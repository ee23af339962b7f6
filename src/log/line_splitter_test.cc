#include "log/line_splitter.h"

#include <gtest/gtest.h>

namespace drover::log {
namespace {

struct Collected {
  std::vector<std::string> lines;
  std::vector<bool> continued;
};

Collected feed_all(LineSplitter& splitter, const std::vector<std::string>& chunks) {
  Collected out;
  for (const std::string& chunk : chunks) {
    splitter.feed(chunk, [&](std::string_view line, bool continued) {
      out.lines.emplace_back(line);
      out.continued.push_back(continued);
    });
  }
  return out;
}

TEST(LineSplitterTest, CompleteLinesInOneChunk) {
  LineSplitter splitter;
  Collected out = feed_all(splitter, {"a\nbb\n\nccc\n"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"a", "bb", "", "ccc"}));
  EXPECT_FALSE(splitter.has_partial());
}

TEST(LineSplitterTest, LinesSplitAcrossChunksAreJoined) {
  LineSplitter splitter;
  Collected out = feed_all(splitter, {"hel", "lo wo", "rld\nnext", "\n"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"hello world", "next"}));
}

TEST(LineSplitterTest, PartialLineIsHeldUntilFlush) {
  LineSplitter splitter;
  Collected out = feed_all(splitter, {"one\ntwo"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"one"}));
  EXPECT_TRUE(splitter.has_partial());
  splitter.flush([&](std::string_view line, bool) { out.lines.emplace_back(line); });
  EXPECT_EQ(out.lines, (std::vector<std::string>{"one", "two"}));
  EXPECT_FALSE(splitter.has_partial());
}

TEST(LineSplitterTest, FlushWithoutPartialEmitsNothing) {
  LineSplitter splitter;
  int calls = 0;
  splitter.flush([&](std::string_view, bool) { ++calls; });
  EXPECT_EQ(calls, 0);
}

TEST(LineSplitterTest, OverlongLinesAreCutAndMarkedContinued) {
  LineSplitter splitter(4);
  Collected out = feed_all(splitter, {"abcdefghij\nxy\n"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"abcd", "efgh", "ij", "xy"}));
  EXPECT_EQ(out.continued, (std::vector<bool>{true, true, false, false}));
}

TEST(LineSplitterTest, OverlongPartialLineIsCutWhileItGrows) {
  LineSplitter splitter(4);
  Collected out = feed_all(splitter, {"abc", "def", "ghi"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"abcd", "efgh"}));
  EXPECT_TRUE(splitter.has_partial());
}

}  // namespace
}  // namespace drover::log
