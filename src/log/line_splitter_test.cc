// The line splitter: lines in blocks, partial lines held, long lines cut.
#include "log/line_splitter.h"

#include <gtest/gtest.h>

namespace drover::log {
namespace {

struct Collected {
  std::vector<std::string> lines;
  std::vector<bool> continued;
  size_t blocks = 0;
};

// Checks each block's contract (whole lines, the right count, continued only
// on a single piece) and collects its lines.
auto collector(Collected& out) {
  return [&out](std::string_view block, size_t count, bool continued) {
    ++out.blocks;
    ASSERT_FALSE(block.empty());
    ASSERT_EQ(block.back(), '\n');
    ASSERT_EQ(count, static_cast<size_t>(std::count(block.begin(), block.end(), '\n')));
    ASSERT_TRUE(!continued || count == 1);
    while (!block.empty()) {
      size_t newline = block.find('\n');
      out.lines.emplace_back(block.substr(0, newline));
      out.continued.push_back(continued);
      block.remove_prefix(newline + 1);
    }
  };
}

Collected feed_all(LineSplitter& splitter, const std::vector<std::string>& chunks) {
  Collected out;
  for (const std::string& chunk : chunks) {
    splitter.feed(chunk, collector(out));
  }
  return out;
}

TEST(LineSplitterTest, CompleteLinesInOneChunkAreOneBlock) {
  LineSplitter splitter;
  Collected out = feed_all(splitter, {"a\nbb\n\nccc\n"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"a", "bb", "", "ccc"}));
  EXPECT_EQ(out.blocks, 1u);
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
  splitter.flush(collector(out));
  EXPECT_EQ(out.lines, (std::vector<std::string>{"one", "two"}));
  EXPECT_FALSE(splitter.has_partial());
}

TEST(LineSplitterTest, FlushWithoutPartialEmitsNothing) {
  LineSplitter splitter;
  Collected out;
  splitter.flush(collector(out));
  EXPECT_EQ(out.blocks, 0u);
}

TEST(LineSplitterTest, OverlongLinesAreCutAndMarkedContinued) {
  LineSplitter splitter(4);
  Collected out = feed_all(splitter, {"abcdefghij\nxy\n"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"abcd", "efgh", "ij", "xy"}));
  EXPECT_EQ(out.continued, (std::vector<bool>{true, true, false, false}));
}

TEST(LineSplitterTest, AnOverlongLineAmidShortOnesSplitsOnlyItself) {
  LineSplitter splitter(4);
  Collected out = feed_all(splitter, {"ab\ncd\nefghijk\nlm\nnopq\n"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"ab", "cd", "efgh", "ijk", "lm", "nopq"}));
  EXPECT_EQ(out.continued, (std::vector<bool>{false, false, true, false, false, false}));
  EXPECT_EQ(out.blocks, 4u);  // "ab cd", the two pieces, "lm nopq" (max_line long: whole).
}

TEST(LineSplitterTest, OverlongPartialLineIsCutWhileItGrows) {
  LineSplitter splitter(4);
  Collected out = feed_all(splitter, {"abc", "def", "ghi"});
  EXPECT_EQ(out.lines, (std::vector<std::string>{"abcd", "efgh"}));
  EXPECT_TRUE(splitter.has_partial());
}

TEST(LineSplitterTest, ManyLinesAcrossChunksKeepTheirOrder) {
  std::string all;
  for (int i = 0; i < 5000; ++i) {
    all += std::to_string(i) + "\n";
  }
  LineSplitter splitter(64);
  Collected out;
  for (size_t at = 0; at < all.size(); at += 777) {
    splitter.feed(std::string_view(all).substr(at, 777), collector(out));
  }
  ASSERT_EQ(out.lines.size(), 5000u);
  for (int i = 0; i < 5000; ++i) {
    ASSERT_EQ(out.lines[static_cast<size_t>(i)], std::to_string(i));
  }
}

TEST(CountNewlinesTest, CountsAcrossTheVectorAndTheTail) {
  EXPECT_EQ(count_newlines(""), 0u);
  EXPECT_EQ(count_newlines("\n"), 1u);
  // Longer than 255 rounds of 16 bytes, and not a multiple of 16.
  std::string bytes(16 * 300 + 7, 'x');
  for (size_t at = 0; at < bytes.size(); at += 3) {
    bytes[at] = '\n';
  }
  EXPECT_EQ(count_newlines(bytes),
            static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n')));
  EXPECT_EQ(count_newlines(std::string(5000, '\n')), 5000u);
}

}  // namespace
}  // namespace drover::log
