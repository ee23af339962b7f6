// RotatingFile against a real temporary directory: rotation boundaries,
// backups, completeness across many rotations, and recovery from deleted
// files, removed directories, a full disk (/dev/full) and short writes.
#include "log/rotating_file.h"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/resource.h>
#include <unistd.h>

namespace drover::log {
namespace {

namespace fs = std::filesystem;

class RotatingFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "drover-rotating-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (fs::path(dir_) / "web.out.log").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream out;
    out << in.rdbuf();
    return out.str();
  }

  std::string dir_;
  std::string path_;
};

TEST_F(RotatingFileTest, CreatesTheDirectoryAndTheFile) {
  std::string nested = dir_ + "/a/b/web.log";
  RotatingFile file(nested, 0, 5);
  EXPECT_EQ(file.write("hello\n"), std::nullopt);
  EXPECT_EQ(read(nested), "hello\n");
  EXPECT_EQ(fs::status(dir_ + "/a/b").permissions() & fs::perms::owner_all, fs::perms::owner_all);
}

TEST_F(RotatingFileTest, ContinuesAnExistingFileAndCountsItsSize) {
  std::ofstream(path_) << "12345\n";
  RotatingFile file(path_, 10, 1);
  EXPECT_EQ(file.open(), std::nullopt);
  EXPECT_EQ(file.size(), 6u);
  EXPECT_EQ(file.write("abc\n"), std::nullopt);  // 10: still fits.
  EXPECT_EQ(read(path_), "12345\nabc\n");
  EXPECT_EQ(file.write("d\n"), std::nullopt);  // 12: rotates first.
  EXPECT_EQ(read(path_ + ".1"), "12345\nabc\n");
  EXPECT_EQ(read(path_), "d\n");
}

TEST_F(RotatingFileTest, KeepsNBackupsAndDropsTheOldest) {
  RotatingFile file(path_, 4, 2);
  for (int i = 1; i <= 8; ++i) {
    EXPECT_EQ(file.write(std::to_string(i) + "\n"), std::nullopt);
  }
  EXPECT_EQ(read(path_), "7\n8\n");
  EXPECT_EQ(read(path_ + ".1"), "5\n6\n");
  EXPECT_EQ(read(path_ + ".2"), "3\n4\n");
  EXPECT_FALSE(fs::exists(path_ + ".3"));
}

TEST_F(RotatingFileTest, ZeroBackupsStartsTheFileAnew) {
  RotatingFile file(path_, 4, 0);
  for (int i = 1; i <= 5; ++i) {
    EXPECT_EQ(file.write(std::to_string(i) + "\n"), std::nullopt);
  }
  EXPECT_EQ(read(path_), "5\n");
  EXPECT_FALSE(fs::exists(path_ + ".1"));
}

TEST_F(RotatingFileTest, ABatchIsCutBetweenLines) {
  RotatingFile file(path_, 6, 3);
  EXPECT_EQ(file.write("aa\nbb\ncc\ndd\ne\n"), std::nullopt);
  EXPECT_EQ(read(path_ + ".2"), "aa\nbb\n");
  EXPECT_EQ(read(path_ + ".1"), "cc\ndd\n");
  EXPECT_EQ(read(path_), "e\n");
}

TEST_F(RotatingFileTest, EveryLineOnceAndInOrderAcrossManyRotations) {
  constexpr int kLines = 100'000;
  constexpr uint64_t kMaxSize = 4096;
  RotatingFile file(path_, kMaxSize, 1000);
  std::mt19937 random(42);
  int next = 0;
  while (next < kLines) {
    std::string batch;
    int count = std::min<int>(kLines - next, static_cast<int>(random() % 64) + 1);
    for (int i = 0; i < count; ++i) {
      batch += "line " + std::to_string(next++) + "\n";
    }
    ASSERT_EQ(file.write(batch), std::nullopt);
  }
  std::vector<std::string> files;
  for (int i = 1000; i >= 1; --i) {
    if (fs::exists(path_ + "." + std::to_string(i))) {
      files.push_back(path_ + "." + std::to_string(i));
    }
  }
  files.push_back(path_);
  EXPECT_GT(files.size(), 100u);
  int expected = 0;
  for (const std::string& name : files) {
    EXPECT_LE(fs::file_size(name), kMaxSize) << name;
    std::ifstream in(name);
    for (std::string line; std::getline(in, line);) {
      ASSERT_EQ(line, "line " + std::to_string(expected)) << name;
      ++expected;
    }
  }
  EXPECT_EQ(expected, kLines);
  EXPECT_EQ(file.dropped_bytes(), 0u);
}

TEST_F(RotatingFileTest, ReopensAfterTheFileIsDeleted) {
  RotatingFile file(path_, 0, 1);
  EXPECT_EQ(file.write("before\n"), std::nullopt);
  fs::remove(path_);
  EXPECT_EQ(file.write("after\n"), std::nullopt);
  EXPECT_EQ(read(path_), "after\n");
}

TEST_F(RotatingFileTest, ReopensAfterAnExternalRename) {
  RotatingFile file(path_, 0, 1);
  EXPECT_EQ(file.write("before\n"), std::nullopt);
  fs::rename(path_, path_ + ".old");  // logrotate's default "create" mode.
  EXPECT_EQ(file.write("after\n"), std::nullopt);
  EXPECT_EQ(read(path_ + ".old"), "before\n");
  EXPECT_EQ(read(path_), "after\n");
}

TEST_F(RotatingFileTest, NoticesAnExternalTruncation) {
  RotatingFile file(path_, 10, 1);
  EXPECT_EQ(file.write("12345678\n"), std::nullopt);
  fs::resize_file(path_, 0);  // logrotate's copytruncate.
  EXPECT_EQ(file.write("abcdefgh\n"), std::nullopt);
  EXPECT_FALSE(fs::exists(path_ + ".1"));
  EXPECT_EQ(file.size(), 9u);
}

TEST_F(RotatingFileTest, RecreatesARemovedDirectory) {
  std::string nested = dir_ + "/logs/web.log";
  RotatingFile file(nested, 0, 1);
  EXPECT_EQ(file.write("before\n"), std::nullopt);
  fs::remove_all(dir_ + "/logs");
  EXPECT_EQ(file.write("after\n"), std::nullopt);
  EXPECT_EQ(read(nested), "after\n");
  EXPECT_EQ(file.dropped_bytes(), 0u);
}

TEST_F(RotatingFileTest, DiskFullDropsCountsReportsOnceAndRecovers) {
  fs::create_symlink("/dev/full", path_);
  RotatingFile file(path_, 0, 1);
  std::optional<Error> first = file.write("one\n");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->message, "write " + path_ + ": No space left on device");
  EXPECT_EQ(first->sys_errno, ENOSPC);
  EXPECT_TRUE(file.failing());
  EXPECT_EQ(file.write("two\n"), std::nullopt);  // Same streak: said already.
  EXPECT_EQ(file.dropped_bytes(), 8u);

  fs::remove(path_);  // Space is back: the path names a writable file again.
  EXPECT_EQ(file.write("three\n"), std::nullopt);
  EXPECT_FALSE(file.failing());
  EXPECT_EQ(read(path_), "three\n");
  EXPECT_EQ(file.dropped_bytes(), 8u);
}

TEST_F(RotatingFileTest, AnUnopenableFileIsRetriedAtEachWrite) {
  fs::create_directory(path_);  // A directory where the file should be.
  RotatingFile file(path_, 0, 1);
  std::optional<Error> first = file.write("one\n");
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->message, "open " + path_ + ": Is a directory");
  EXPECT_EQ(file.write("two\n"), std::nullopt);
  fs::remove(path_);
  EXPECT_EQ(file.write("three\n"), std::nullopt);
  EXPECT_EQ(read(path_), "three\n");
  EXPECT_EQ(file.dropped_bytes(), 8u);
}

TEST_F(RotatingFileTest, ARefusedRotationIsReportedOnceAndLosesNothing) {
  fs::create_directories(path_ + ".1/occupied");  // rename(path, path.1) fails.
  RotatingFile file(path_, 4, 1);
  EXPECT_EQ(file.write("1\n2\n"), std::nullopt);
  std::optional<Error> error = file.write("3\n");
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->message, "rename " + path_ + " to " + path_ + ".1: Is a directory");
  EXPECT_EQ(file.write("4\n"), std::nullopt);
  EXPECT_EQ(read(path_), "1\n2\n3\n4\n");
  EXPECT_EQ(file.dropped_bytes(), 0u);
}

// RLIMIT_FSIZE makes write() stop part-way, as a filling disk does.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t limit) {
    ::getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = std::signal(SIGXFSZ, SIG_IGN);
    set(limit);
  }
  ~FileSizeLimit() {
    ::setrlimit(RLIMIT_FSIZE, &saved_);
    std::signal(SIGXFSZ, old_handler_);
  }
  void set(rlim_t limit) {
    rlimit lowered = saved_;
    lowered.rlim_cur = std::min(limit, saved_.rlim_max);
    ::setrlimit(RLIMIT_FSIZE, &lowered);
  }

 private:
  rlimit saved_{};
  void (*old_handler_)(int) = nullptr;
};

TEST_F(RotatingFileTest, AShortWriteIsCompletedOnTheNextWrite) {
  RotatingFile file(path_, 0, 1);
  {
    FileSizeLimit limit(10);
    std::optional<Error> error = file.write("aaaa\nbbbb\ncccc\ndddd\n");
    ASSERT_TRUE(error.has_value());
    EXPECT_EQ(error->sys_errno, EFBIG);
    EXPECT_EQ(read(path_), "aaaa\nbbbb\n");
    EXPECT_EQ(file.dropped_bytes(), 10u);
  }
  {
    FileSizeLimit limit(12);  // Part of the next line only: the rest is kept for later.
    EXPECT_EQ(file.write("eeee\n"), std::nullopt);  // The same streak: said already.
    EXPECT_TRUE(file.failing());
    EXPECT_EQ(read(path_), "aaaa\nbbbb\nee");
    EXPECT_EQ(file.dropped_bytes(), 10u);
  }
  EXPECT_EQ(file.write("ffff\n"), std::nullopt);
  EXPECT_FALSE(file.failing());
  EXPECT_EQ(read(path_), "aaaa\nbbbb\neeee\nffff\n");
  EXPECT_EQ(file.dropped_bytes(), 10u);
}

}  // namespace
}  // namespace drover::log
