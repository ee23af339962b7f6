// No polling (issue 3, point 8): with 100 idle services, drover makes no
// system call at all for 30 s. strace attaches to drover's one thread only
// (no -f, so the services' own calls are not counted) and its -c summary
// must be empty. The window is $DROVER_IDLE_SECONDS seconds (default 30).
//
// drover_binary() honours $DROVER_BIN, so tools/test runs this against the
// static release binary, the program users run.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

constexpr int kServices = 100;

int idle_seconds() {
  const char* value = std::getenv("DROVER_IDLE_SECONDS");
  return value != nullptr && std::atoi(value) > 0 ? std::atoi(value) : 30;
}

int thread_count(pid_t pid) {
  int count = 0;
  DIR* tasks = ::opendir(("/proc/" + std::to_string(pid) + "/task").c_str());
  while (tasks != nullptr && ::readdir(tasks) != nullptr) {
    ++count;
  }
  if (tasks != nullptr) {
    ::closedir(tasks);
  }
  return count - 2;  // "." and ".."
}

int running_count(DroverInstance& drover) {
  boost::json::value all = drover.services_json();
  if (!all.is_object() || !all.as_object().contains("services")) {
    return 0;
  }
  int running = 0;
  for (const auto& entry : all.as_object().at("services").as_array()) {
    running += entry.as_object().at("state").as_string() == "RUNNING" ? 1 : 0;
  }
  return running;
}

// The "calls" column of strace -c's "total" line; 0 when the summary is
// empty, which is how strace reports that nothing was called.
long total_calls(const std::string& summary) {
  std::istringstream lines(summary);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) {
      fields.push_back(word);
    }
    if (!fields.empty() && fields.back() == "total" && fields.size() >= 5) {
      return std::atol(fields[3].c_str());
    }
  }
  return 0;
}

std::string find_strace() {
  for (const char* path : {"/usr/bin/strace", "/bin/strace"}) {
    if (::access(path, X_OK) == 0) {
      return path;
    }
  }
  return "";
}

TEST(IdleSyscallsTest, HundredIdleServicesMakeNoSyscallsForThirtySeconds) {
  std::string strace = find_strace();
  ASSERT_FALSE(strace.empty()) << "strace is not installed (tools/install-deps)";
  DroverInstance drover;
  std::string services = "services:\n";
  for (int i = 0; i < kServices; ++i) {
    services += "  idle" + std::to_string(i) + ":\n    command: @TESTSVC@\n    start_period: 0\n";
  }
  drover.write_config(services);
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(wait_until([&] { return running_count(drover) == kServices; }, seconds(60)));
  ASSERT_EQ(thread_count(drover.pid()), 1) << "drover is meant to be single-threaded";

  // Let the last status request's connection finish closing on drover's side;
  // from here on nothing talks to drover.
  std::this_thread::sleep_for(seconds(1));

  std::string summary = drover.path("strace.summary");
  int window = idle_seconds();
  CommandResult traced =
      run_command({"/usr/bin/timeout", "-s", "INT", std::to_string(window), strace, "-c", "-o",
                   summary, "-p", std::to_string(drover.pid())},
                  seconds(window + 30));
  ASSERT_NE(traced.err.find("attached"), std::string::npos) << "strace did not attach:\n"
                                                            << traced.err;
  std::string table = drover.read_file("strace.summary");
  EXPECT_EQ(total_calls(table), 0) << "drover was not idle for " << window << " s:\n" << table;
  std::cout << "drover made " << total_calls(table) << " system calls in " << window
            << " s of idleness with " << kServices << " services\n";

  EXPECT_EQ(running_count(drover), kServices) << "services changed state while idle";
}

}  // namespace
}  // namespace drover::e2e
