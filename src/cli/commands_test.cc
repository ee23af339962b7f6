#include "cli/commands.h"

#include "cli/daemon.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

namespace drover::cli {
namespace {

// Runs the CLI in-process with captured output and a fake environment.
// Nothing here reaches a daemon: commands that would either fail first or
// point at a socket nobody listens on.
class CommandsTest : public ::testing::Test {
 protected:
  CommandsTest() {
    local_.up = [this](const std::string& config) {
      calls_.push_back("up " + config);
      return 0;
    };
    local_.check = [this](const std::string& config) {
      calls_.push_back("check " + config);
      return 2;
    };
    local_.default_socket = [this](const std::string& config) {
      calls_.push_back("default_socket " + config);
      return std::string("/nonexistent/from-config.sock");
    };
  }

  int run(std::vector<std::string> args) {
    args.insert(args.begin(), "drover");
    out_.str("");
    err_.str("");
    CliIo io{out_, err_, [this](std::string_view name) -> std::optional<std::string> {
               auto it = env_.find(std::string(name));
               return it == env_.end() ? std::nullopt : std::optional<std::string>(it->second);
             }};
    return run_cli_with(args, local_, io);
  }

  LocalHandlers local_;
  std::vector<std::string> calls_;
  std::map<std::string, std::string> env_;
  std::ostringstream out_;
  std::ostringstream err_;
};

TEST_F(CommandsTest, NoArgumentsPrintsHelpAndIsAUsageError) {
  EXPECT_EQ(run({}), 2);
  EXPECT_NE(err_.str().find("Usage: drover"), std::string::npos) << err_.str();
  for (std::string_view name : subcommand_names()) {
    EXPECT_NE(err_.str().find(std::string(name)), std::string::npos) << name;
  }
}

TEST_F(CommandsTest, HelpIsSuccessOnStdout) {
  EXPECT_EQ(run({"--help"}), 0);
  EXPECT_NE(out_.str().find("Exit codes:"), std::string::npos);
  EXPECT_EQ(run({"signal", "--help"}), 0);
  EXPECT_NE(out_.str().find("signal"), std::string::npos);
}

TEST_F(CommandsTest, Version) {
  EXPECT_EQ(run({"version"}), 0);
  EXPECT_EQ(out_.str(), "drover " DROVER_VERSION "\n");
  EXPECT_EQ(run({"--version"}), 0);
  EXPECT_EQ(out_.str(), "drover " DROVER_VERSION "\n");
}

TEST_F(CommandsTest, UsageErrorsExit2WithOneMessage) {
  const std::vector<std::vector<std::string>> cases = {
      {"frobnicate"}, {"start"},           {"signal", "HUP"}, {"stop", "--bogus", "web"},
      {"-c"},         {"reload", "extra"}, {"-c", "x.yaml"}};
  for (const std::vector<std::string>& args : cases) {
    EXPECT_EQ(run(args), 2) << args[0];
    EXPECT_FALSE(err_.str().empty()) << args[0];
  }
  EXPECT_TRUE(calls_.empty());
}

TEST_F(CommandsTest, UpAndCheckRunLocallyWithTheConfigFlag) {
  EXPECT_EQ(run({"up", "-c", "a.yaml"}), 0);
  EXPECT_EQ(run({"--config", "b.yaml", "check"}), 2);
  EXPECT_EQ(run({"check"}), 2);
  EXPECT_EQ(calls_, (std::vector<std::string>{"up a.yaml", "check b.yaml", "check "}));
}

TEST_F(CommandsTest, MissingLocalHandlerIsAFailureNotACrash) {
  local_.up = nullptr;
  EXPECT_EQ(run({"up"}), 1);
  EXPECT_EQ(err_.str(), "drover: up is not available in this build\n");
}

TEST_F(CommandsTest, UnreachableDaemonIsOneLineAndExit3) {
  EXPECT_EQ(run({"status", "-s", "/nonexistent/drover.sock"}), 3);
  EXPECT_EQ(err_.str(),
            "drover: cannot connect to the daemon at /nonexistent/drover.sock: No such file or "
            "directory (is \"drover up\" running?)\n");
  EXPECT_EQ(out_.str(), "");
}

TEST_F(CommandsTest, SocketComesFromFlagThenEnvironmentThenConfig) {
  Options options;
  EXPECT_EQ(resolve_socket(options, local_, nullptr), "/nonexistent/from-config.sock");
  env_["DROVER_SOCKET"] = "/from/env.sock";
  EXPECT_EQ(run({"-c", "my.yaml", "stop", "web"}), 3);
  EXPECT_NE(err_.str().find("/from/env.sock"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"stop", "web", "-s", "/from/flag.sock"}), 3);
  EXPECT_NE(err_.str().find("/from/flag.sock"), std::string::npos) << err_.str();
  env_.clear();
  EXPECT_EQ(run({"-c", "my.yaml", "restart", "web"}), 3);
  EXPECT_NE(err_.str().find("/nonexistent/from-config.sock"), std::string::npos);
  EXPECT_EQ(calls_.back(), "default_socket my.yaml");
}

TEST_F(CommandsTest, NoSocketAnywhereIsAUsageError) {
  local_.default_socket = nullptr;
  EXPECT_EQ(run({"reload"}), 2);
  EXPECT_EQ(err_.str(), "drover: no control socket: pass -s PATH or set DROVER_SOCKET\n");
}

TEST_F(CommandsTest, BadArgumentsAreCaughtBeforeConnecting) {
  EXPECT_EQ(run({"signal", "NOPE", "web"}), 2);
  EXPECT_NE(err_.str().find("unknown signal \"NOPE\""), std::string::npos) << err_.str();
  EXPECT_EQ(run({"start", "all", "web"}), 2);
  EXPECT_EQ(err_.str(), "drover: \"all\" cannot be combined with service names\n");
}

TEST(ServicePathTest, EscapesWhatAPathCannotHold) {
  EXPECT_EQ(service_path("web-1_a.b~"), "/v1/services/web-1_a.b~");
  EXPECT_EQ(service_path("a b/c?"), "/v1/services/a%20b%2Fc%3F");
}

TEST(UnknownServicesTest, SuggestsAndListsKnownNames) {
  std::vector<core::ServiceView> views(2);
  views[0].name = "web";
  views[1].name = "db";
  EXPECT_EQ(unknown_services_message({"web", "db"}, views), "");
  EXPECT_EQ(unknown_services_message({"web", "wbe"}, views),
            "unknown service \"wbe\"; known services: web, db");
  EXPECT_EQ(unknown_services_message({"dbb"}, views),
            "unknown service \"dbb\"; did you mean \"db\"?; known services: web, db");
  EXPECT_EQ(unknown_services_message({"x"}, {}),
            "unknown service \"x\"; no services are configured");
}

// Every subcommand has its page, and every page says how it exits.
TEST(CommandDocsTest, EverySubcommandHasAPageWithExitCodes) {
  const char* source_dir = std::getenv("DROVER_SOURCE_DIR");
  ASSERT_NE(source_dir, nullptr) << "ctest sets DROVER_SOURCE_DIR";
  for (std::string_view name : subcommand_names()) {
    std::string path = std::string(source_dir) + "/docs/cli/" + std::string(name) + ".md";
    std::ifstream file(path);
    ASSERT_TRUE(file) << "missing " << path;
    std::stringstream text;
    text << file.rdbuf();
    EXPECT_NE(text.str().find("## Exit codes"), std::string::npos) << path;
  }
}

}  // namespace
}  // namespace drover::cli
