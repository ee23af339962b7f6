// `drover logs` through the real binary: reading the rings back, filters,
// several services interleaved, and following until the daemon stops.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace drover::e2e {
namespace {

TEST(LogsCommandTest, LastLinesOfOneServiceAreBare) {
  DroverInstance drover;
  drover.write_config(R"(services:
  web:
    type: oneshot
    command: @TESTSVC@ --print 50 --print-stderr 3 --exit 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("web", "EXITED"));
  CommandResult last = drover.cli({"logs", "web", "-n", "2", "--stderr"});
  EXPECT_EQ(last.exit_code, 0) << last.err;
  EXPECT_EQ(last.out, "err 2\nerr 3\n");
  // Without --stderr both streams count, in the order they arrived.
  CommandResult both = drover.cli({"logs", "web", "-n", "4"});
  EXPECT_EQ(both.out, "line 50\nerr 1\nerr 2\nerr 3\n");
}

TEST(LogsCommandTest, AllServicesAreInterleavedInArrivalOrderWithNames) {
  DroverInstance drover;
  drover.write_config(R"(services:
  first:
    type: oneshot
    command: @TESTSVC@ --say one --exit 0
  second:
    type: oneshot
    command: @TESTSVC@ --say two --exit 0
    depends_on: { first: completed_successfully }
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("second", "EXITED"));
  CommandResult all = drover.cli({"logs"});
  EXPECT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(all.out, "first  | one\nsecond | two\n");
}

TEST(LogsCommandTest, UnknownServiceIsAnErrorNamingTheKnownOnes) {
  DroverInstance drover;
  drover.write_config("services:\n  web:\n    command: @TESTSVC@\n");
  ASSERT_TRUE(drover.start());
  CommandResult result = drover.cli({"logs", "wbe"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("web"), std::string::npos) << result.err;
}

TEST(LogsCommandTest, FollowStreamsNewLinesAndEndsCleanlyWhenTheDaemonStops) {
  DroverInstance drover;
  drover.write_config(R"(services:
  ticker:
    command: @TESTSVC@ --say started
    start_period: 0
  later:
    type: oneshot
    command: @TESTSVC@ --say late-line --exit 0
    autostart: false
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("ticker", "RUNNING"));
  // drover logs -f in the background, its output to a file.
  std::string out_path = drover.path("follow.out");
  int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_t follower = ::fork();
  if (follower == 0) {
    ::dup2(out, 1);
    std::string socket = drover.socket();
    std::string binary = drover_binary();
    ::execl(binary.c_str(), binary.c_str(), "-s", socket.c_str(), "logs", "-f", nullptr);
    ::_exit(127);
  }
  ::close(out);
  auto followed = [&] {
    std::ifstream file(out_path);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
  };
  EXPECT_TRUE(wait_until([&] { return followed().find("started") != std::string::npos; }))
      << followed();
  CommandResult start = drover.cli({"start", "later"});
  EXPECT_EQ(start.exit_code, 0);
  EXPECT_TRUE(wait_until([&] {
    return followed().find("later  | late-line") != std::string::npos;
  })) << followed();
  drover.send_signal(SIGTERM);
  EXPECT_EQ(drover.wait_exit(), 0);
  int status = -1;
  bool ended = wait_until([&] { return ::waitpid(follower, &status, WNOHANG) == follower; });
  if (!ended) {
    ::kill(follower, SIGKILL);
    ::waitpid(follower, &status, 0);
  }
  EXPECT_TRUE(ended) << "drover logs -f did not end when the daemon stopped";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

}  // namespace
}  // namespace drover::e2e
