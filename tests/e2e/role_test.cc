// `drover run NAME` through the real binary: the oneshots first, the role's
// exit code as drover's, signals, and the terminal for an interactive role.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <chrono>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace drover::e2e {
namespace {

using std::chrono::seconds;

// init-db must run before web; cache is a longrun dependency that role mode
// leaves out unless --with-deps. Each writes a marker file when it runs.
constexpr const char* kStack = R"(services:
  init-db:
    type: oneshot
    command: sh -c 'echo migrating; touch @DIR@/migrated'
  cache:
    command: sh -c 'touch @DIR@/cache-ran; exec sleep 1000'
  web:
    command: sh -c 'test -f @DIR@/migrated || exit 99; echo "serving $*"; exit 7' sh
    depends_on: {init-db: completed_successfully, cache: started}
  crash:
    command: sh -c 'kill -KILL $$$$'  # $$ is drover's escape for $.
  stubborn:
    command: sh -c 'echo up; exec sleep 1000'
)";

std::vector<std::string> run_argv(DroverInstance& drover, std::vector<std::string> tail) {
  std::vector<std::string> argv = {drover_binary(), "run", "-c", drover.config_path()};
  argv.insert(argv.end(), tail.begin(), tail.end());
  return argv;
}

TEST(RoleTest, RunsTheOneshotsFirstAndExitsWithTheRolesCode) {
  DroverInstance drover;
  drover.write_config(kStack);
  CommandResult result = run_command(run_argv(drover, {"web", "--", "--port", "80"}));
  EXPECT_EQ(result.exit_code, 7) << result.err;
  EXPECT_NE(result.out.find("init-db | migrating"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("web     | serving --port 80"), std::string::npos) << result.out;
  // Ran once: a role is not restarted.
  EXPECT_EQ(result.out.find("serving", result.out.find("serving") + 1), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(drover.path("cache-ran")));
}

TEST(RoleTest, WithDepsStartsTheLongrunsItDependsOn) {
  DroverInstance drover;
  drover.write_config(kStack);
  CommandResult result = run_command(run_argv(drover, {"--with-deps", "web"}));
  EXPECT_EQ(result.exit_code, 7) << result.err;
  EXPECT_TRUE(std::filesystem::exists(drover.path("cache-ran")));
}

TEST(RoleTest, AOneshotRoleExitsWithItsCode) {
  DroverInstance drover;
  drover.write_config(kStack);
  CommandResult ok = run_command(run_argv(drover, {"init-db"}));
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(std::filesystem::exists(drover.path("migrated")));
}

TEST(RoleTest, AKilledRoleGives128PlusTheSignal) {
  DroverInstance drover;
  drover.write_config(kStack);
  EXPECT_EQ(run_command(run_argv(drover, {"crash"})).exit_code, 128 + SIGKILL);
}

TEST(RoleTest, SigtermStopsTheRoleAndDroverReportsHowItEnded) {
  DroverInstance drover;
  drover.write_config(kStack);
  drover.launch_command(run_argv(drover, {"stubborn"}));
  ASSERT_TRUE(wait_until([&] { return drover.stdout_text().find("up") != std::string::npos; },
                         seconds(20)));
  drover.send_signal(SIGTERM);
  EXPECT_EQ(drover.wait_exit(), 128 + SIGTERM) << drover.stderr_text();
}

TEST(RoleTest, UnknownRoleIsAUsageErrorWithASuggestion) {
  DroverInstance drover;
  drover.write_config(kStack);
  CommandResult result = run_command(run_argv(drover, {"init-bd"}));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("no service named \"init-bd\""), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("did you mean \"init-db\"?"), std::string::npos) << result.err;
}

TEST(RoleTest, RolesListsEveryServiceWithWhatRunsFirst) {
  DroverInstance drover;
  drover.write_config(kStack);
  CommandResult result = run_command({drover_binary(), "roles", "-c", drover.config_path()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "NAME      TYPE     RUNS FIRST\n"
            "init-db   oneshot  -\n"
            "cache     longrun  -\n"
            "web       longrun  init-db\n"
            "crash     longrun  -\n"
            "stubborn  longrun  -\n");
}

// drover run on a terminal, as `docker run -it IMAGE shell` gives it one:
// drover leads the session that owns the pty; the role must get the
// terminal's foreground, read what is typed, and receive Ctrl-C itself.
class Terminal {
 public:
  explicit Terminal(const std::vector<std::string>& argv) {
    pid_ = ::forkpty(&master_, nullptr, nullptr, nullptr);
    if (pid_ == 0) {
      std::vector<char*> args;
      for (const std::string& arg : argv) {
        args.push_back(const_cast<char*>(arg.c_str()));
      }
      args.push_back(nullptr);
      ::execv(args[0], args.data());
      ::_exit(126);
    }
  }
  ~Terminal() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (master_ >= 0) {
      ::close(master_);
    }
  }
  void type(const std::string& text) {
    ssize_t n = ::write(master_, text.data(), text.size());
    (void)n;
  }
  // Reads until `needle` has appeared in everything read so far.
  bool wait_for(const std::string& needle, std::chrono::milliseconds deadline = seconds(20)) {
    auto until = std::chrono::steady_clock::now() + deadline;
    while (screen_.find(needle) == std::string::npos) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          until - std::chrono::steady_clock::now());
      pollfd fd{master_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
        return false;
      }
      char buffer[4096];
      ssize_t n = ::read(master_, buffer, sizeof buffer);
      if (n <= 0) {
        return false;
      }
      screen_.append(buffer, static_cast<size_t>(n));
    }
    return true;
  }
  int wait_exit() {
    int status = 0;
    auto until = std::chrono::steady_clock::now() + seconds(20);
    while (std::chrono::steady_clock::now() < until) {
      // Keep draining the pty; once its slave side is closed this returns at
      // once, so sleep a little between polls.
      wait_for("\x01", std::chrono::milliseconds(10));
      ::usleep(10000);
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
    }
    return -1;
  }
  const std::string& screen() const { return screen_; }

 private:
  int master_ = -1;
  pid_t pid_ = -1;
  std::string screen_;
};

TEST(RoleTest, AnInteractiveRoleOwnsTheTerminal) {
  DroverInstance drover;
  drover.write_config(R"yaml(services:
  shell:
    command:
      - sh
      - -c
      - |
        tp=$(ps -o tpgid= -p $$$$ | tr -d ' '); pg=$(ps -o pgid= -p $$$$ | tr -d ' ')
        if [ -n "$tp" ] && [ "$tp" = "$pg" ]; then echo FOREGROUND; else echo "BACKGROUND $tp $pg"; fi
        read line; echo "got:$line"
        trap 'echo INTERRUPTED; exit 5' INT
        echo WAITING; while :; do sleep 0.1; done
)yaml");
  Terminal terminal(run_argv(drover, {"shell"}));
  ASSERT_TRUE(terminal.wait_for("FOREGROUND")) << terminal.screen();
  terminal.type("hello\n");
  ASSERT_TRUE(terminal.wait_for("got:hello")) << terminal.screen();
  ASSERT_TRUE(terminal.wait_for("WAITING")) << terminal.screen();
  terminal.type("\x03");  // Ctrl-C: SIGINT to the foreground group, the role, not drover.
  ASSERT_TRUE(terminal.wait_for("INTERRUPTED")) << terminal.screen();
  EXPECT_EQ(terminal.wait_exit(), 5) << terminal.screen();
  // The role's output was not prefixed: it wrote to the terminal itself.
  EXPECT_EQ(terminal.screen().find("shell |"), std::string::npos) << terminal.screen();
  EXPECT_EQ(terminal.screen().find("info:"), std::string::npos) << terminal.screen();
}

}  // namespace
}  // namespace drover::e2e
