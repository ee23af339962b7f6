#include "api/log_file_read.h"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace drover::api {
namespace {

class LogFileReadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/drover-logread-XXXXXX";
    int fd = mkstemp(name);
    close(fd);
    path_ = name;
    write("0123456789", std::ios::trunc);
  }
  void TearDown() override { unlink(path_.c_str()); }
  void write(const std::string& text, std::ios::openmode mode = std::ios::app) {
    std::ofstream(path_, std::ios::binary | mode) << text;
  }
  std::string path_;
};

// Expected values follow supervisord's options.readFile, case by case.
TEST_F(LogFileReadTest, ReadsRangesLikeSupervisord) {
  EXPECT_EQ(read_file_range(path_, 0, 0).data, "0123456789");
  EXPECT_EQ(read_file_range(path_, 2, 3).data, "234");
  EXPECT_EQ(read_file_range(path_, 8, 100).data, "89");
  EXPECT_EQ(read_file_range(path_, 50, 0).data, "");
  EXPECT_EQ(read_file_range(path_, -3, 0).data, "789");
  EXPECT_EQ(read_file_range(path_, -100, 0).data, "0123456789");
  EXPECT_FALSE(read_file_range(path_, -3, 1).data);
  EXPECT_EQ(read_file_range(path_, -3, 1).error, ReadFileError::BadArguments);
  EXPECT_EQ(read_file_range(path_, 0, -1).error, ReadFileError::BadArguments);
  ReadFileResult missing = read_file_range(path_ + ".missing", 0, 0);
  EXPECT_FALSE(missing.data);
  EXPECT_EQ(missing.error, ReadFileError::Failed);
}

// Expected values follow supervisord's options.tailFile, including its
// overlapping answer when offset + length passes the end.
TEST_F(LogFileReadTest, TailsLikeSupervisord) {
  TailResult grown = tail_file(path_, 0, 5);
  EXPECT_EQ(grown.data, "56789");
  EXPECT_EQ(grown.offset, 10);
  EXPECT_TRUE(grown.overflow);

  TailResult at_end = tail_file(path_, 10, 5);
  EXPECT_EQ(at_end.data, "");
  EXPECT_EQ(at_end.offset, 10);
  EXPECT_FALSE(at_end.overflow);

  TailResult near_end = tail_file(path_, 8, 5);
  EXPECT_EQ(near_end.data, "56789");
  EXPECT_FALSE(near_end.overflow);

  TailResult everything = tail_file(path_, 0, 100);
  EXPECT_EQ(everything.data, "0123456789");
  EXPECT_EQ(everything.offset, 10);

  TailResult missing = tail_file(path_ + ".missing", 7, 5);
  EXPECT_EQ(missing.data, "");
  EXPECT_EQ(missing.offset, 7);
  EXPECT_FALSE(missing.overflow);
}

TEST_F(LogFileReadTest, FileTailStartsWithTheLastBytesThenFollows) {
  FileTail tail(path_, 4);
  ASSERT_TRUE(tail.is_open());
  EXPECT_EQ(tail.more(), "6789");
  EXPECT_EQ(tail.more(), "");
  write("ab");
  EXPECT_EQ(tail.more(), "ab");
  write("", std::ios::trunc);
  EXPECT_EQ(tail.more(), "==> File truncated <==\n");
  write("new");
  EXPECT_EQ(tail.more(), "new");
}

TEST_F(LogFileReadTest, FileTailFollowsARotatedFile) {
  FileTail tail(path_, 1024);
  EXPECT_EQ(tail.more(), "0123456789");
  ASSERT_EQ(rename(path_.c_str(), (path_ + ".1").c_str()), 0);
  write("fresh", std::ios::trunc);
  EXPECT_EQ(tail.more(), "fresh");
  unlink((path_ + ".1").c_str());
}

}  // namespace
}  // namespace drover::api
