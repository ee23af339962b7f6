#include "runtime/container/frame_demuxer.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace drover::runtime {
namespace {

std::string frame(char type, const std::string& payload) {
  std::string out{type, 0, 0, 0};
  uint32_t size = static_cast<uint32_t>(payload.size());
  out += static_cast<char>(size >> 24);
  out += static_cast<char>((size >> 16) & 0xff);
  out += static_cast<char>((size >> 8) & 0xff);
  out += static_cast<char>(size & 0xff);
  return out + payload;
}

struct Collected {
  std::string out;
  std::string err;
  FrameDemuxer demuxer{[this](Stream stream, std::string_view bytes) {
    (stream == Stream::Stdout ? out : err).append(bytes);
  }};
};

TEST(FrameDemuxerTest, SeparatesStdoutAndStderrFrames) {
  Collected c;
  c.demuxer.feed(frame(1, "hello\n") + frame(2, "oops\n") + frame(1, "bye\n"));
  EXPECT_EQ(c.out, "hello\nbye\n");
  EXPECT_EQ(c.err, "oops\n");
  EXPECT_TRUE(c.demuxer.at_frame_boundary());
}

TEST(FrameDemuxerTest, HandlesEveryPossibleSplitOneByteAtATime) {
  std::string stream = frame(2, "e1\n") + frame(1, std::string(300, 'x')) + frame(2, "e2");
  Collected c;
  for (char byte : stream) {
    c.demuxer.feed(std::string_view(&byte, 1));
  }
  EXPECT_EQ(c.out, std::string(300, 'x'));
  EXPECT_EQ(c.err, "e1\ne2");
  EXPECT_TRUE(c.demuxer.at_frame_boundary());
}

TEST(FrameDemuxerTest, ReadsSizesAboveSixteenBitsAndEmptyFrames) {
  std::string big(70000, 'b');
  Collected c;
  std::string stream = frame(1, "") + frame(1, big) + frame(2, "z");
  c.demuxer.feed(std::string_view(stream).substr(0, 12));
  EXPECT_FALSE(c.demuxer.at_frame_boundary());
  c.demuxer.feed(std::string_view(stream).substr(12));
  EXPECT_EQ(c.out, big);
  EXPECT_EQ(c.err, "z");
}

}  // namespace
}  // namespace drover::runtime
