// The remote scripts, run here by the local /bin/sh: this machine is as good
// a remote host as any, and running them is the only real test of quoting.
#include "runtime/remote/remote_script.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <netinet/in.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace drover::runtime::remote {
namespace {

struct Ran {
  int code = -1;
  std::string out;
};

// Starts `command` the way sshd would hand it to a login shell, with its
// stdout and stderr to read as they come.
FILE* open_remote(const std::string& command, const std::string& tmpdir) {
  std::string line = "TMPDIR='" + tmpdir + "' /bin/sh -c " + sh_quote(command) + " 2>&1";
  return ::popen(line.c_str(), "r");
}

// The next line without its newline ("" at the end).
std::string next_line(FILE* pipe) {
  char buffer[512] = {};
  if (std::fgets(buffer, sizeof buffer, pipe) == nullptr) {
    return "";
  }
  std::string line(buffer);
  if (!line.empty() && line.back() == '\n') {
    line.pop_back();
  }
  return line;
}

// Everything left, then the exit code.
Ran finish(FILE* pipe) {
  Ran ran;
  std::array<char, 4096> buffer{};
  size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0) {
    ran.out.append(buffer.data(), n);
  }
  int status = ::pclose(pipe);
  ran.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

Ran run_remote(const std::string& command, const std::string& tmpdir) {
  FILE* pipe = open_remote(command, tmpdir);
  return pipe == nullptr ? Ran{} : finish(pipe);
}

class RemoteScriptTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char templ[] = "/tmp/drover-rs.XXXXXX";
    ASSERT_NE(::mkdtemp(templ), nullptr);
    dir_ = templ;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Launch launch(std::vector<std::string> argv) {
    Launch l;
    l.state_key = "host.project/svc";
    l.argv = std::move(argv);
    return l;
  }

  std::string dir_;
};

TEST(ShQuoteTest, EveryByteSurvivesTheShell) {
  for (std::string word :
       {std::string("plain"), std::string(""), std::string("it's"), std::string("a b\tc\nd"),
        std::string("$(touch x); `id` \"q\" \\ *"), std::string("''''"), std::string("-n")}) {
    EXPECT_EQ(run_remote("printf '%s' " + sh_quote(word), "/tmp").out, word);
  }
}

TEST_F(RemoteScriptTest, FollowerPrintsHeaderThenOutputAndExitsWithTheCommandsStatus) {
  Launch l = launch({"/bin/sh", "-c", "echo out; echo err >&2; exit 7"});
  Ran ran = run_remote(remote_command(follower_script(l)), dir_);
  EXPECT_EQ(ran.code, 7);
  std::istringstream lines(ran.out);
  std::string header;
  std::getline(lines, header);
  auto parsed = parse_header(header);
  ASSERT_TRUE(parsed) << ran.out;
  EXPECT_GT(parsed->pid, 1);
  EXPECT_FALSE(parsed->token.empty());
  EXPECT_NE(ran.out.find("out\n"), std::string::npos);
  EXPECT_NE(ran.out.find("err\n"), std::string::npos);
  std::string state = dir_ + "/drover-" + std::to_string(::getuid()) + "/host.project/svc";
  std::ifstream exit_file(state + "/exit");
  int recorded = -1;
  exit_file >> recorded;
  EXPECT_EQ(recorded, 7);
}

TEST_F(RemoteScriptTest, ValuesNeverBecomeCommands) {
  std::string witness = dir_ + "/pwned";
  Launch l = launch({"/bin/sh", "-c", "printf '%s|%s\\n' \"$V\" \"$0\"",
                     "x'; touch " + witness + "; '$(touch " + witness + ")"});
  l.env = {{"V", "a b'; touch " + witness + "; echo \"$(touch " + witness + ")\" `id`;"}};
  l.working_dir = dir_;
  Ran ran = run_remote(remote_command(follower_script(l)), dir_);
  EXPECT_EQ(ran.code, 0) << ran.out;
  EXPECT_FALSE(std::filesystem::exists(witness));
  EXPECT_NE(ran.out.find(l.env[0].second + "|" + l.argv[3] + "\n"), std::string::npos) << ran.out;
}

TEST_F(RemoteScriptTest, MissingWorkingDirFailsBeforeAnyHeader) {
  Launch l = launch({"true"});
  l.working_dir = dir_ + "/nowhere";
  Ran ran = run_remote(remote_command(follower_script(l)), dir_);
  EXPECT_EQ(ran.code, 120);
  EXPECT_EQ(ran.out.find("drover-remote"), std::string::npos);
  EXPECT_NE(ran.out.find("no such directory"), std::string::npos) << ran.out;
}

TEST_F(RemoteScriptTest, SignalReachesTheGroupAndATrappedInterrupt) {
  // INT, which sh ignores in background jobs, must reach the command.
  Launch l = launch({"/bin/sh", "-c",
                     "trap 'echo got-int; exit 5' INT; echo up; "
                     "while :; do sleep 0.05; done"});
  FILE* pipe = open_remote(remote_command(follower_script(l)), dir_);
  ASSERT_NE(pipe, nullptr);
  std::string first = next_line(pipe);
  auto header = parse_header(first);
  ASSERT_TRUE(header) << first;
  EXPECT_EQ(next_line(pipe), "up");
  // A wrong token (a reused pid) is refused, and nothing is sent.
  EXPECT_EQ(run_remote(remote_command(signal_script(header->pid, "1", "INT", true)), dir_).code, 3);
  EXPECT_EQ(
      run_remote(remote_command(signal_script(header->pid, header->token, "INT", true)), dir_).code,
      0);
  Ran rest = finish(pipe);
  EXPECT_EQ(rest.code, 5);
  EXPECT_NE(rest.out.find("got-int"), std::string::npos) << rest.out;
  EXPECT_NE(::kill(static_cast<pid_t>(header->pid), 0), 0);  // Gone.
}

TEST_F(RemoteScriptTest, AStartEndsTheLeftoverOfAnEarlierOne) {
  Launch l = launch({"sleep", "30"});
  std::string line = "TMPDIR='" + dir_ + "' /bin/sh -c " +
                     sh_quote(remote_command(follower_script(l))) + " >/dev/null 2>&1 &";
  ASSERT_EQ(std::system(line.c_str()), 0);
  std::string pid_file = dir_ + "/drover-" + std::to_string(::getuid()) + "/host.project/svc/pid";
  long old_pid = 0;
  for (int i = 0; i < 200 && old_pid == 0; ++i) {
    std::ifstream in(pid_file);
    in >> old_pid;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_GT(old_pid, 1);
  Ran ran = run_remote(remote_command(follower_script(launch({"true"}))), dir_);
  EXPECT_EQ(ran.code, 0) << ran.out;
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = ::kill(static_cast<pid_t>(old_pid), 0) != 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(gone);
}

TEST_F(RemoteScriptTest, ProbeRunsWithEnvAndWorkingDir) {
  Ran ran = run_remote(remote_command(probe_script(
                           dir_, {{"X", "a'b"}}, {"/bin/sh", "-c", "echo \"$X\"; pwd; exit 4"}, 5)),
                       dir_);
  EXPECT_EQ(ran.code, 4);
  EXPECT_EQ(ran.out, "a'b\n" + dir_ + "\n");
  ran = run_remote(remote_command(probe_script("", {}, {"sleep", "5"}, 1)), dir_);
  EXPECT_EQ(ran.code, 137);  // Killed by the remote-side timeout.
}

// The follower, started in the background as if its connection had dropped
// (its output goes nowhere), and the header it printed.
Header start_detached(const Launch& l, const std::string& dir) {
  std::string line = "TMPDIR='" + dir + "' /bin/sh -c " +
                     sh_quote(remote_command(follower_script(l))) + " >" + dir +
                     "/lost.out 2>/dev/null &";
  EXPECT_EQ(std::system(line.c_str()), 0);
  std::optional<Header> header;
  for (int i = 0; i < 250 && !header; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(dir + "/lost.out");
    std::string first;
    if (std::getline(in, first)) {
      header = parse_header(first);
    }
  }
  EXPECT_TRUE(header);
  return header.value_or(Header{});
}

TEST_F(RemoteScriptTest, AdoptFindsTheRunningCommandAndRelaysItAgain) {
  std::string go = dir_ + "/go";
  Launch l = launch({"/bin/sh", "-c",
                     "echo before; while [ ! -e " + go +
                         " ]; do sleep 0.05; done; echo after; "
                         "exit 6"});
  Header header = start_detached(l, dir_);
  FILE* pipe =
      open_remote(remote_command(adopt_script(l.state_key, header.pid, header.token, false)), dir_);
  ASSERT_NE(pipe, nullptr);
  std::string first = next_line(pipe);
  auto resumed = parse_resumed(first);
  ASSERT_TRUE(resumed) << first;
  EXPECT_EQ(resumed->kind, Resumed::Kind::Running);
  EXPECT_EQ(resumed->header.pid, header.pid);
  std::ofstream(go).put('\n');
  Ran rest = finish(pipe);
  EXPECT_EQ(rest.code, 6);  // Recorded by the lost follower, passed on.
  EXPECT_NE(rest.out.find("after\n"), std::string::npos) << rest.out;

  // Once it has ended, adopting only tells how.
  Ran ended =
      run_remote(remote_command(adopt_script(l.state_key, header.pid, header.token, false)), dir_);
  EXPECT_EQ(ended.out, "drover-exited 6\n");
  // Another start's pid file: not ours to judge.
  Ran other = run_remote(
      remote_command(adopt_script(l.state_key, header.pid + 1, header.token, false)), dir_);
  EXPECT_EQ(other.out, "drover-gone\n");
}

TEST_F(RemoteScriptTest, AdoptWithRestartKillsTheCommand) {
  Launch l = launch({"sleep", "30"});
  Header header = start_detached(l, dir_);
  Ran ran =
      run_remote(remote_command(adopt_script(l.state_key, header.pid, header.token, true)), dir_);
  EXPECT_EQ(ran.out, "drover-killed\n");
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    gone = ::kill(static_cast<pid_t>(header.pid), 0) != 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_TRUE(gone);
}

TEST_F(RemoteScriptTest, NetworkProbesRunByTheHostsOwnTools) {
  core::HealthSpec tcp;
  tcp.kind = core::ProbeKind::Tcp;
  tcp.timeout = std::chrono::seconds(2);
  int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(listener, 4), 0);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::string port = std::to_string(ntohs(address.sin_port));
  tcp.tcp_address = "127.0.0.1:" + port;
  Ran open = run_remote(remote_command(network_probe_script(tcp)), dir_);
  EXPECT_EQ(open.code, 0) << open.out;
  EXPECT_EQ(open.out, "connected\n");
  ::close(listener);
  Ran closed = run_remote(remote_command(network_probe_script(tcp)), dir_);
  EXPECT_EQ(closed.code, 1);
  EXPECT_EQ(closed.out, "connection failed\n");

  core::HealthSpec http;
  http.kind = core::ProbeKind::Http;
  http.timeout = std::chrono::seconds(2);
  http.http_url = "http://127.0.0.1:" + port + "/healthz";
  Ran refused = run_remote(remote_command(network_probe_script(http)), dir_);
  EXPECT_EQ(refused.code, 1);
  EXPECT_EQ(refused.out, "connection failed\n");
}

TEST(RemoteHeaderTest, ResumedLines) {
  auto running = parse_resumed("drover-remote 77 123");
  ASSERT_TRUE(running);
  EXPECT_EQ(running->kind, Resumed::Kind::Running);
  EXPECT_EQ(running->header.pid, 77);
  auto exited = parse_resumed("drover-exited 143");
  ASSERT_TRUE(exited);
  EXPECT_EQ(exited->kind, Resumed::Kind::Exited);
  EXPECT_EQ(exited->code, 143);
  EXPECT_EQ(parse_resumed("drover-gone")->kind, Resumed::Kind::Gone);
  EXPECT_EQ(parse_resumed("drover-killed")->kind, Resumed::Kind::Killed);
  for (const char* bad : {"drover-exited", "drover-exited 256", "drover-exited -1",
                          "drover-exited 1x", "drover-gone ", "gone"}) {
    EXPECT_FALSE(parse_resumed(bad)) << bad;
  }
}

TEST(RemoteHeaderTest, ParsesOnlyTheExactForm) {
  auto header = parse_header("drover-remote 1234 98765");
  ASSERT_TRUE(header);
  EXPECT_EQ(header->pid, 1234);
  EXPECT_EQ(header->token, "98765");
  EXPECT_TRUE(parse_header("drover-remote 1234 "));  // No /proc on the host: no token.
  for (const char* bad : {"", "drover-remote", "drover-remote x 1", "drover-remote 1 2",
                          "drover-remote 12 3x", "drover-remote 12", "hello 12 3"}) {
    EXPECT_FALSE(parse_header(bad)) << bad;
  }
}

TEST(RemoteHeaderTest, ShellStatusesMapToExitOrSignal) {
  EXPECT_EQ(exit_status_from_shell(0), core::ExitStatus(0, 0));
  EXPECT_EQ(exit_status_from_shell(3), core::ExitStatus(3, 0));
  EXPECT_EQ(exit_status_from_shell(128), core::ExitStatus(128, 0));
  EXPECT_EQ(exit_status_from_shell(143), core::ExitStatus(0, 15));
  EXPECT_EQ(exit_status_from_shell(137), core::ExitStatus(0, 9));
  EXPECT_EQ(exit_status_from_shell(193), core::ExitStatus(193, 0));
}

TEST(RemoteHeaderTest, StateKeysArePathSafe) {
  EXPECT_EQ(state_key("web-1", "shop", "api"), "web-1.shop/api");
  EXPECT_EQ(state_key("a/b", "my shop", "x"), "a_b.my_shop/x");
  EXPECT_EQ(state_key("", "..", "x"), "_._../x");
}

}  // namespace
}  // namespace drover::runtime::remote
