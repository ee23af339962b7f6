// A full disk under a service's log files (issue 4, point 8): drover and the
// service keep running, the dropped bytes show in status, drover says so once
// on stderr, and writing resumes when space returns. The disk is a 2 MiB
// tmpfs mounted over the instance's log directory, so the test needs root.
#include "harness/drover_instance.h"

#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <signal.h>
#include <string>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::e2e {
namespace {

// Mounts a size-limited tmpfs on `path` and lazily unmounts it on
// destruction, also when the test fails (drover may still hold a file open).
class TmpfsMount {
 public:
  TmpfsMount(std::string path, const std::string& size) : path_(std::move(path)) {
    ::mkdir(path_.c_str(), 0755);
    std::string options = "size=" + size;
    if (::mount("tmpfs", path_.c_str(), "tmpfs", 0, options.c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~TmpfsMount() {
    if (mounted_) {
      ::umount2(path_.c_str(), MNT_DETACH);
    }
  }
  TmpfsMount(const TmpfsMount&) = delete;
  TmpfsMount& operator=(const TmpfsMount&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }

 private:
  std::string path_;
  bool mounted_ = false;
  std::string error_;
};

size_t count(const std::string& text, const std::string& what) {
  size_t found = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++found;
  }
  return found;
}

uint64_t dropped(DroverInstance& drover) {
  boost::json::object service = drover.service("noisy");
  if (!service.contains("log_dropped_bytes")) {
    return 0;
  }
  return static_cast<uint64_t>(service.at("log_dropped_bytes").to_number<int64_t>());
}

std::string first_line(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  if (!std::getline(file, line) || file.eof()) {
    return "";  // Nothing yet, or no newline yet.
  }
  return line;
}

TEST(DiskFullTest, DroverSurvivesReportsDroppedBytesAndResumesWhenSpaceReturns) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "needs root to mount a size-limited tmpfs";
  }
  DroverInstance drover;
  TmpfsMount disk(drover.path("logs"), "2m");
  if (!disk.mounted()) {
    GTEST_SKIP() << "cannot mount a tmpfs on " << drover.path("logs") << ": " << disk.error();
  }
  // About 3 MB/s of 100-byte lines in bursts: the 2 MiB disk fills within
  // a second, and the writer keeps writing after that.
  drover.write_config(R"(services:
  noisy:
    shell: true
    command: while true; do @TESTSVC@ --flood 65000 --exit 0; sleep 0.02; done
    start_period: 0
    log:
      dir: @DIR@/logs
      max_size: 0
      console: false
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("noisy", "RUNNING"));
  const std::string file = drover.path("logs/noisy.out.log");
  const std::string message = "unable to write " + file + ": No space left on device";

  // Full: the bytes that did not fit are counted and shown in status.
  ASSERT_TRUE(wait_until([&] { return dropped(drover) > 200000; }, std::chrono::seconds(5)))
      << boost::json::serialize(drover.services_json());
  std::string description(drover.service("noisy").at("description").as_string());
  EXPECT_NE(description.find("bytes of log output dropped"), std::string::npos) << description;
  ASSERT_TRUE(wait_until([&] { return drover.stderr_text().find(message) != std::string::npos; }))
      << drover.stderr_text();
  // Said once for the whole streak of failures, not per write.
  EXPECT_EQ(count(drover.stderr_text(), "unable to write"), 1u) << drover.stderr_text();
  // Both still alive: drover answers, the service was not stopped or restarted.
  EXPECT_EQ(::kill(drover.pid(), 0), 0);
  EXPECT_EQ(drover.state_of("noisy"), "RUNNING");
  int64_t pid = drover.service("noisy").at("pid").to_number<int64_t>();

  // Space returns: drover notices its file is gone, opens the path anew and
  // writes again, starting with a whole line.
  ASSERT_EQ(::unlink(file.c_str()), 0) << std::strerror(errno);
  ASSERT_TRUE(wait_until([&] { return !first_line(file).empty(); }, std::chrono::seconds(5)))
      << "no new lines in " << file << "\n"
      << drover.stderr_text();
  std::string line = first_line(file);
  EXPECT_EQ(line.size(), 99u) << line;
  EXPECT_TRUE(line[0] >= '0' && line[0] <= '9') << line;
  EXPECT_EQ(drover.state_of("noisy"), "RUNNING");
  EXPECT_EQ(drover.service("noisy").at("pid").to_number<int64_t>(), pid);
}

}  // namespace
}  // namespace drover::e2e
