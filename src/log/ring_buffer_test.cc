// The per-service ring: eviction by bytes, each query filter, and merging
// several services' lines in arrival order.
#include "log/ring_buffer.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace drover::log {
namespace {

using core::LogEntry;
using core::LogQuery;
using core::LogStream;

constexpr uint64_t kOverhead = RingBuffer::kRunOverhead;

LogEntry line(uint64_t sequence, std::string text, LogStream stream = LogStream::Stdout,
              int64_t time_ms = 0) {
  return LogEntry{sequence, time_ms, "", stream, false, std::move(text)};
}

std::vector<std::string> texts(const std::vector<LogEntry>& entries) {
  std::vector<std::string> out;
  for (const LogEntry& entry : entries) {
    out.push_back(entry.text);
  }
  return out;
}

using Texts = std::vector<std::string>;

TEST(RingBufferTest, KeepsLinesWithTheRingsServiceName) {
  RingBuffer ring("web", 1024);
  ring.append(LogEntry{7, 1000, "ignored", LogStream::Stderr, true, "hello"});
  EXPECT_EQ(ring.query({}),
            (std::vector<LogEntry>{{7, 1000, "web", LogStream::Stderr, true, "hello"}}));
  EXPECT_EQ(ring.used_bytes(), 6 + kOverhead);
}

TEST(RingBufferTest, EvictsTheOldestLinesByBytes) {
  RingBuffer ring("web", 3 * 11 + kOverhead);
  for (uint64_t i = 1; i <= 3; ++i) {
    ring.append(line(i, "line-" + std::to_string(i) + "----"));  // 10 bytes each.
  }
  EXPECT_EQ(ring.size(), 3u);
  ring.append(line(4, "x"));  // 1 byte more than the capacity: the oldest goes.
  EXPECT_EQ(texts(ring.query({})), (Texts{"line-2----", "line-3----", "x"}));
  ring.append(line(5, std::string(25, 'y')));
  EXPECT_EQ(texts(ring.query({})), (Texts{"x", std::string(25, 'y')}));
  EXPECT_LE(ring.used_bytes(), ring.capacity());
}

TEST(RingBufferTest, ALineLargerThanTheCapacityIsNotKept) {
  RingBuffer ring("web", 100);
  ring.append(line(1, "small"));
  ring.append(line(2, std::string(200, 'z')));
  EXPECT_EQ(ring.size(), 0u);
  EXPECT_EQ(ring.used_bytes(), 0u);
}

TEST(RingBufferTest, ZeroCapacityKeepsNothing) {
  RingBuffer ring("web", 0);
  ring.append(line(1, "a"));
  EXPECT_EQ(ring.size(), 0u);
  EXPECT_TRUE(ring.query({}).empty());
}

TEST(RingBufferTest, SetCapacityEvicts) {
  RingBuffer ring("web", 1 << 20);
  for (uint64_t i = 1; i <= 10; ++i) {
    ring.append(line(i, "0123456789"));
  }
  ring.set_capacity(2 * 11 + kOverhead);
  EXPECT_EQ(ring.size(), 2u);
  EXPECT_EQ(ring.query({}).front().sequence, 9u);
}

LineBlock block(std::string_view text, uint64_t first, int64_t time_ms = 0) {
  return LineBlock{text,
                   static_cast<size_t>(std::count(text.begin(), text.end(), '\n')),
                   first,
                   time_ms,
                   LogStream::Stdout,
                   false};
}

TEST(RingBufferTest, ABlockIsOneRunOfLinesWithConsecutiveSequences) {
  RingBuffer ring("web", 1024);
  ring.append(block("a\nbb\nccc\n", 10, 5));
  EXPECT_EQ(ring.size(), 3u);
  EXPECT_EQ(ring.used_bytes(), 9 + kOverhead);
  std::vector<LogEntry> kept = ring.query({});
  EXPECT_EQ(texts(kept), (Texts{"a", "bb", "ccc"}));
  EXPECT_EQ(kept[2].sequence, 12u);
  EXPECT_EQ(kept[2].time_ms, 5);
  EXPECT_EQ(ring.query({.services = {}, .after_sequence = 11}).front().text, "ccc");
}

TEST(RingBufferTest, EvictionCutsTheOldestRunBetweenLines) {
  RingBuffer ring("web", 20 + 2 * kOverhead);
  ring.append(block("1111\n2222\n3333\n", 1, 1));
  ring.append(block("4444\n5555\n", 4, 2));  // 5 bytes too many: line 1 goes.
  EXPECT_EQ(texts(ring.query({})), (Texts{"2222", "3333", "4444", "5555"}));
  EXPECT_EQ(ring.query({}).front().sequence, 2u);
  EXPECT_LE(ring.used_bytes(), ring.capacity());
}

TEST(RingBufferTest, WrapsAroundItsStorageAndKeepsTheNewestLines) {
  RingBuffer ring("web", 64 + kOverhead);
  uint64_t sequence = 1;
  for (int round = 0; round < 50; ++round) {
    std::string text;
    for (int i = 0; i < 3; ++i) {
      text += "line-" + std::to_string(sequence + static_cast<uint64_t>(i)) + "\n";
    }
    ring.append(block(text, sequence));
    sequence += 3;
  }
  std::vector<LogEntry> kept = ring.query({});
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(kept.back().text, "line-150");
  for (const LogEntry& entry : kept) {
    EXPECT_EQ(entry.text, "line-" + std::to_string(entry.sequence));
  }
  EXPECT_LE(ring.used_bytes(), ring.capacity());
  EXPECT_EQ(ring.size(), kept.size());
}

TEST(RingBufferTest, ABlockLargerThanTheCapacityKeepsItsNewestLines) {
  RingBuffer ring("web", 10 + kOverhead);
  ring.append(block("old\n", 1));
  ring.append(block("aaaa\nbbbb\ncccc\n", 2));
  EXPECT_EQ(texts(ring.query({})), (Texts{"bbbb", "cccc"}));
  EXPECT_EQ(ring.query({}).front().sequence, 3u);
}

TEST(RingBufferTest, AHugeCapacityIsNotReservedAndTheStorageGrowsWithTheLines) {
  RingBuffer ring("web", uint64_t{1} << 50);  // A petabyte: must not be allocated up front.
  uint64_t sequence = 1;
  for (int round = 0; round < 40; ++round) {  // About 400 KB: several doublings.
    std::string text;
    for (int i = 0; i < 100; ++i) {
      text += "line-" + std::to_string(sequence + static_cast<uint64_t>(i)) + std::string(90, '.') +
              "\n";
    }
    ring.append(block(text, sequence, round));
    sequence += 100;
  }
  std::vector<LogEntry> kept = ring.query({});
  ASSERT_EQ(kept.size(), 4000u);
  for (size_t i = 0; i < kept.size(); ++i) {
    ASSERT_EQ(kept[i].sequence, i + 1);
    ASSERT_EQ(kept[i].text.substr(0, kept[i].text.find('.')), "line-" + std::to_string(i + 1));
  }
  ring.set_capacity(1000);  // Shrinks the storage too.
  EXPECT_LE(ring.used_bytes(), 1000u);
  EXPECT_EQ(ring.query({}).back().sequence, 4000u);
}

TEST(RingBufferTest, StreamsAndContinuedPiecesKeepTheirOwnRuns) {
  RingBuffer ring("web", 1024);
  ring.append(block("out\n", 1));
  ring.append(LineBlock{"err\n", 1, 2, 0, LogStream::Stderr, false});
  ring.append(LineBlock{"piece\n", 1, 3, 0, LogStream::Stdout, true});
  ring.append(block("end\n", 4));
  std::vector<LogEntry> kept = ring.query({});
  ASSERT_EQ(kept.size(), 4u);
  EXPECT_EQ(kept[1].stream, LogStream::Stderr);
  EXPECT_TRUE(kept[2].continued);
  EXPECT_FALSE(kept[3].continued);
  EXPECT_EQ(ring.used_bytes(), 18 + 4 * kOverhead);  // Lines with newlines, four runs.
}

class RingQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ring_.append(line(1, "out1", LogStream::Stdout, 1000));
    ring_.append(line(2, "err2", LogStream::Stderr, 2000));
    ring_.append(line(3, "out3", LogStream::Stdout, 3000));
    ring_.append(line(4, "err4", LogStream::Stderr, 4000));
    ring_.append(line(5, "out5", LogStream::Stdout, 5000));
  }
  RingBuffer ring_{"web", 1 << 20};
};

TEST_F(RingQueryTest, NoFilterGivesEverythingOldestFirst) {
  EXPECT_EQ(texts(ring_.query({})), (Texts{"out1", "err2", "out3", "err4", "out5"}));
}

TEST_F(RingQueryTest, LastLinesGivesTheLastMatching) {
  EXPECT_EQ(texts(ring_.query({.services = {}, .last_lines = 2})), (Texts{"err4", "out5"}));
  EXPECT_EQ(texts(ring_.query({.services = {}, .last_lines = 9})).size(), 5u);
  EXPECT_EQ(texts(ring_.query({.services = {}, .last_lines = 1, .stderr_only = true})),
            (Texts{"err4"}));
}

TEST_F(RingQueryTest, StderrOnly) {
  EXPECT_EQ(texts(ring_.query({.services = {}, .stderr_only = true})), (Texts{"err2", "err4"}));
}

TEST_F(RingQueryTest, SinceIsInclusive) {
  EXPECT_EQ(texts(ring_.query({.services = {}, .since_ms = 3000})),
            (Texts{"out3", "err4", "out5"}));
  EXPECT_EQ(texts(ring_.query({.services = {}, .since_ms = 3001})), (Texts{"err4", "out5"}));
}

TEST_F(RingQueryTest, AfterSequenceIsExclusive) {
  EXPECT_EQ(texts(ring_.query({.services = {}, .after_sequence = 3})), (Texts{"err4", "out5"}));
  EXPECT_TRUE(ring_.query({.services = {}, .after_sequence = 5}).empty());
}

TEST_F(RingQueryTest, ServicesFilterNamesTheRing) {
  EXPECT_EQ(ring_.query({.services = {"db", "web"}}).size(), 5u);
  EXPECT_TRUE(ring_.query({.services = {"db"}}).empty());
}

TEST_F(RingQueryTest, FiltersCombine) {
  LogQuery query{
      .services = {}, .last_lines = 1, .since_ms = 1500, .stderr_only = true, .after_sequence = 1};
  EXPECT_EQ(texts(ring_.query(query)), (Texts{"err4"}));
  query.last_lines = 0;
  EXPECT_EQ(texts(ring_.query(query)), (Texts{"err2", "err4"}));
}

TEST(MergeBySequenceTest, InterleavesInArrivalOrder) {
  RingBuffer web("web", 1 << 20);
  RingBuffer db("db", 1 << 20);
  web.append(line(1, "w1"));
  db.append(line(2, "d2"));
  db.append(line(3, "d3"));
  web.append(line(4, "w4"));
  db.append(line(5, "d5"));
  std::vector<LogEntry> merged = merge_by_sequence({web.query({}), db.query({})}, 0);
  EXPECT_EQ(texts(merged), (Texts{"w1", "d2", "d3", "w4", "d5"}));
  EXPECT_EQ(merged[3].service, "web");
  EXPECT_EQ(texts(merge_by_sequence({web.query({}), db.query({})}, 2)), (Texts{"w4", "d5"}));
  EXPECT_TRUE(merge_by_sequence({}, 3).empty());
}

}  // namespace
}  // namespace drover::log
