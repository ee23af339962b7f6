// FileFollower against real files in a private directory. No sleeps: each
// test changes the file, then runs the loop until the expected bytes have
// arrived or a deadline passes.
#include "log/file_follower.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::log {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

class FileFollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "drover-follow-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    path_ = (fs::path(dir_) / "access.log").string();
  }
  void TearDown() override {
    follower_.reset();
    fs::remove_all(dir_);
  }

  void follow(const std::string& path) {
    follower_ = std::make_unique<FileFollower>(
        io_, path, [this](std::string_view bytes) { received_.append(bytes); },
        [this](const Error& error) { errors_.push_back(error.message); });
    Result<void> started = follower_->start();
    ASSERT_TRUE(started) << started.error().message;
  }
  void follow() { follow(path_); }

  // Appends through a fresh descriptor, as a writer opening the file would.
  static void append(const std::string& path, const std::string& text) {
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644));
    ASSERT_TRUE(fd.valid()) << path;
    ASSERT_EQ(::write(fd.get(), text.data(), text.size()), static_cast<ssize_t>(text.size()));
  }
  void append(const std::string& text) { append(path_, text); }

  // Runs the loop until `received_` is `expected` (true) or 5 s passed.
  bool receive(const std::string& expected) {
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (received_ != expected && std::chrono::steady_clock::now() < deadline) {
      io_.run_one_until(deadline);
      if (io_.stopped()) {
        io_.restart();
      }
    }
    return received_ == expected;
  }

  // Runs every handler that is ready now, without waiting.
  void settle() {
    io_.poll();
    io_.restart();
  }

  boost::asio::io_context io_;
  std::string dir_;
  std::string path_;
  std::unique_ptr<FileFollower> follower_;
  std::string received_;
  std::vector<std::string> errors_;
};

TEST_F(FileFollowerTest, SkipsExistingContentAndDeliversAppendedLines) {
  append("old 1\nold 2\n");
  follow();
  append("new 1\n");
  EXPECT_TRUE(receive("new 1\n")) << received_;
  append("new 2\nnew 3\n");
  EXPECT_TRUE(receive("new 1\nnew 2\nnew 3\n")) << received_;
  EXPECT_EQ(errors_, std::vector<std::string>{});
}

TEST_F(FileFollowerTest, PicksUpAFileCreatedLaterFromItsStart) {
  follow();
  settle();
  append("first\n");
  EXPECT_TRUE(receive("first\n")) << received_;
  append("second\n");
  EXPECT_TRUE(receive("first\nsecond\n")) << received_;
}

TEST_F(FileFollowerTest, PicksUpAFileRenamedIntoPlace) {
  follow();
  std::string staged = (fs::path(dir_) / "staged").string();
  append(staged, "staged line\n");
  ASSERT_EQ(::rename(staged.c_str(), path_.c_str()), 0);
  EXPECT_TRUE(receive("staged line\n")) << received_;
}

TEST_F(FileFollowerTest, RenameRotationLosesNothingBeforeOrAfter) {
  append("before start\n");
  follow();
  // The writer keeps its descriptor across the rename, as nginx does until
  // it is told to reopen its logs.
  UniqueFd writer(::open(path_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC));
  ASSERT_TRUE(writer.valid());
  auto write_old = [&](const std::string& text) {
    ASSERT_EQ(::write(writer.get(), text.data(), text.size()), static_cast<ssize_t>(text.size()));
  };
  write_old("a\n");
  ASSERT_TRUE(receive("a\n")) << received_;
  write_old("b\n");
  std::string rotated = path_ + ".1";
  ASSERT_EQ(::rename(path_.c_str(), rotated.c_str()), 0);
  write_old("c after rename\n");
  append("d new file\n");
  append("e\n");
  EXPECT_TRUE(receive("a\nb\nc after rename\nd new file\ne\n")) << received_;
}

TEST_F(FileFollowerTest, RotationProcessedStepByStepLosesNothing) {
  follow();
  append("1\n");
  ASSERT_TRUE(receive("1\n"));
  ASSERT_EQ(::rename(path_.c_str(), (path_ + ".1").c_str()), 0);
  append(path_ + ".1", "2\n");
  ASSERT_TRUE(receive("1\n2\n")) << received_;
  append("3\n");
  EXPECT_TRUE(receive("1\n2\n3\n")) << received_;
  append(path_ + ".1", "lost: written to the old file after the switch\n");
  append("4\n");
  EXPECT_TRUE(receive("1\n2\n3\n4\n")) << received_;
}

TEST_F(FileFollowerTest, TruncationRestartsFromTheStart) {
  follow();
  append("a fairly long first line\n");
  ASSERT_TRUE(receive("a fairly long first line\n"));
  ASSERT_EQ(::truncate(path_.c_str(), 0), 0);
  append("x\n");
  EXPECT_TRUE(receive("a fairly long first line\nx\n")) << received_;
  append("y\n");
  EXPECT_TRUE(receive("a fairly long first line\nx\ny\n")) << received_;
}

TEST_F(FileFollowerTest, DeletionThenRecreation) {
  follow();
  append("one\n");
  ASSERT_TRUE(receive("one\n"));
  ASSERT_EQ(::unlink(path_.c_str()), 0);
  settle();
  append("two\n");
  EXPECT_TRUE(receive("one\ntwo\n")) << received_;
  ASSERT_EQ(::unlink(path_.c_str()), 0);
  append("three\n");  // Deleted and re-created before the loop looks.
  EXPECT_TRUE(receive("one\ntwo\nthree\n")) << received_;
}

TEST_F(FileFollowerTest, LargeBacklogIsReadInBoundedTurns) {
  follow();
  std::string line(99, 'x');
  line += '\n';
  std::string big;
  while (big.size() < 3 * FileFollower::kTurnBytes) {
    big += line;
  }
  append(big);
  // The first turn delivers at most kTurnBytes, then yields to the loop.
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (received_.empty() && std::chrono::steady_clock::now() < deadline) {
    io_.run_one_until(deadline);
  }
  EXPECT_GT(received_.size(), 0u);
  EXPECT_LE(received_.size(), FileFollower::kTurnBytes);
  EXPECT_TRUE(receive(big));
}

TEST_F(FileFollowerTest, NoCallbackAfterStop) {
  follow();
  append("seen\n");
  ASSERT_TRUE(receive("seen\n"));
  follower_->stop();
  follower_->stop();  // Idempotent.
  append("not seen\n");
  settle();
  EXPECT_EQ(received_, "seen\n");
}

TEST_F(FileFollowerTest, CallbackMayDestroyTheFollower) {
  follow();
  follower_ = std::make_unique<FileFollower>(
      io_, path_,
      [this](std::string_view bytes) {
        received_.append(bytes);
        follower_.reset();
      },
      [](const Error&) {});
  ASSERT_TRUE(follower_->start());
  append("x\n");
  ASSERT_TRUE(receive("x\n"));
  append("y\n");
  settle();
  EXPECT_EQ(received_, "x\n");
}

TEST_F(FileFollowerTest, MissingDirectoryIsAStartError) {
  FileFollower follower(
      io_, dir_ + "/no/such/dir/access.log", [](std::string_view) {}, [](const Error&) {});
  Result<void> started = follower.start();
  ASSERT_FALSE(started);
  EXPECT_EQ(started.error().code, Errc::NotFound);
  EXPECT_EQ(started.error().message,
            "watch directory " + dir_ + "/no/such/dir: No such file or directory");
}

TEST_F(FileFollowerTest, UnreadableFileIsReportedOnceThroughTheErrorCallback) {
  if (::geteuid() == 0) {
    GTEST_SKIP() << "root reads every file";
  }
  append("secret\n");
  ASSERT_EQ(::chmod(path_.c_str(), 0), 0);
  follow();
  settle();
  EXPECT_EQ(errors_, std::vector<std::string>{"open " + path_ + ": Permission denied"});
  ASSERT_EQ(::unlink(path_.c_str()), 0);
  append("readable again\n");
  EXPECT_TRUE(receive("readable again\n")) << received_;
}

TEST_F(FileFollowerTest, ReadErrorIsReportedOnceAndFollowingGoesOn) {
  follow();
  ASSERT_EQ(::mkdir(path_.c_str(), 0755), 0);  // Opens, but read() fails with EISDIR.
  auto deadline = std::chrono::steady_clock::now() + 5s;
  while (errors_.empty() && std::chrono::steady_clock::now() < deadline) {
    io_.run_one_until(deadline);
  }
  EXPECT_EQ(errors_, std::vector<std::string>{"read " + path_ + ": Is a directory"});
  ASSERT_EQ(::rmdir(path_.c_str()), 0);
  append("a file again\n");
  EXPECT_TRUE(receive("a file again\n")) << received_;
}

}  // namespace
}  // namespace drover::log
