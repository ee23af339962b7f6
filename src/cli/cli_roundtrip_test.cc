// The CLI against the real API server: HttpServer on a private socket in this
// process's io_context, with a recording Controller behind it, and the CLI in
// a forked child (testing::run_child), so both sides run their real code.
#include "api/http_server.h"
#include "api/json_codec.h"
#include "api/testing/child_process.h"
#include "api/testing/recording_controller.h"
#include "cli/commands.h"

#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace drover::cli {
namespace {

class CliRoundTripTest : public ::testing::Test {
 protected:
  CliRoundTripTest() {
    char pattern[] = "/tmp/drover-cli-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    path_ = dir_ + "/control.sock";
    controller_.views = api::testing::sample_views();
    EXPECT_TRUE(server_.listen_unix(path_));
  }
  ~CliRoundTripTest() override {
    server_.close();
    std::filesystem::remove_all(dir_);
  }

  // `drover -s SOCKET args...` in a child process.
  api::testing::ChildResult drover(std::vector<std::string> args) {
    args.insert(args.begin(), {"drover", "-s", path_});
    return api::testing::run_child(io_, [&args] {
      CliIo io{std::cout, std::cerr, [](std::string_view) { return std::nullopt; }};
      return run_cli_with(args, LocalHandlers{}, io);
    });
  }

  boost::asio::io_context io_;
  api::testing::RecordingController controller_;
  api::HttpServer server_{io_, controller_};
  std::string dir_;
  std::string path_;
};

TEST_F(CliRoundTripTest, StatusPrintsTheTable) {
  api::testing::ChildResult result = drover({"status"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "NAME      STATE    PID   UPTIME   RESTARTS  EXIT     DESCRIPTION\n"
            "web       RUNNING  4242  1:02:03  2         SIGKILL  pid 4242, uptime 1:02:03\n"
            "database  EXITED   -     -        0         1        exit status 1\n");
  EXPECT_EQ(result.err, "");
}

TEST_F(CliRoundTripTest, StatusJsonIsTheApisJson) {
  api::testing::ChildResult result = drover({"status", "--json"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, api::render_services(controller_.views) + "\n");
}

TEST_F(CliRoundTripTest, StatusOfSomeServices) {
  api::testing::ChildResult result = drover({"status", "database"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out.find("web"), std::string::npos);
  EXPECT_NE(result.out.find("database  EXITED"), std::string::npos) << result.out;
  result = drover({"status", "--json", "web"});
  EXPECT_EQ(result.out, R"({"services":[)" + api::render_service(controller_.views[0]) + "]}\n");
}

TEST_F(CliRoundTripTest, StatusOfAnUnknownServiceListsTheKnownOnes) {
  api::testing::ChildResult result = drover({"status", "wev"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "drover: unknown service \"wev\"; did you mean \"web\"?; known services: web, "
            "database\n");
}

TEST_F(CliRoundTripTest, StartPrintsOneLinePerResult) {
  api::testing::ChildResult result = drover({"start", "web"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "web: started\n");
  ASSERT_EQ(controller_.commands.size(), 1u);
  EXPECT_EQ(std::get<core::StartCommand>(controller_.commands[0]).names,
            std::vector<std::string>{"web"});
}

TEST_F(CliRoundTripTest, SeveralNamesAreCheckedThenSentInOrder) {
  api::testing::ChildResult result = drover({"stop", "database", "web"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "database: stopped\nweb: stopped\n");
  ASSERT_EQ(controller_.commands.size(), 2u);
  EXPECT_EQ(std::get<core::StopCommand>(controller_.commands[1]).names,
            std::vector<std::string>{"web"});
}

TEST_F(CliRoundTripTest, AnUnknownNameAmongSeveralDoesNothing) {
  api::testing::ChildResult result = drover({"restart", "web", "nope"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "drover: unknown service \"nope\"; known services: web, database\n");
  EXPECT_TRUE(controller_.commands.empty());
}

TEST_F(CliRoundTripTest, AFailedResultExits1) {
  controller_.next_result = std::vector<core::CommandOutcome>{
      {"web", true, "started"}, {"database", false, "already running"}};
  api::testing::ChildResult result = drover({"start", "all"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, "web: started\ndatabase: ERROR (already running)\n");
  EXPECT_EQ(std::get<core::StartCommand>(controller_.commands.at(0)).names,
            std::vector<std::string>{"all"});
}

TEST_F(CliRoundTripTest, SignalSendsTheSignal) {
  api::testing::ChildResult result = drover({"signal", "hup", "web"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "web: signalled\n");
  EXPECT_EQ(std::get<core::SignalCommand>(controller_.commands.at(0)).signo, SIGHUP);
}

TEST_F(CliRoundTripTest, DaemonErrorsArePrintedAndExit1) {
  controller_.next_result =
      make_error(Errc::NotFound, "unknown service \"x\"; known services: web");
  api::testing::ChildResult result = drover({"stop", "x"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "drover: unknown service \"x\"; known services: web\n");
  EXPECT_EQ(result.out, "");
}

TEST_F(CliRoundTripTest, ReloadWithAnInvalidConfigExits2) {
  Error error = make_error(Errc::InvalidConfig, "unknown key \"comand\"");
  error.where = SourceLocation{"/etc/drover/drover.yaml", 4, 5};
  error.field = "services.web";
  controller_.next_result = error;
  api::testing::ChildResult result = drover({"reload"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "drover: /etc/drover/drover.yaml:4:5: services.web: unknown key \"comand\"\n");
}

TEST_F(CliRoundTripTest, ReloadAndShutdown) {
  api::testing::ChildResult result = drover({"reload"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "reloaded: no changes\n");
  result = drover({"shutdown"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "shutting down\n");
  ASSERT_EQ(controller_.commands.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<core::ShutdownCommand>(controller_.commands[1]));
}

TEST_F(CliRoundTripTest, ShutdownThatClosesTheServerStillSucceeds) {
  controller_.on_execute = [this](const core::Command&) { server_.close(); };
  api::testing::ChildResult result = drover({"shutdown"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  result = drover({"status"});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_NE(result.err.find("cannot connect to the daemon at " + path_), std::string::npos);
}

class CliLogsTest : public CliRoundTripTest {
 protected:
  CliLogsTest() {
    controller_.ring = {api::testing::log_line(1, "web", "GET / 200"),
                        api::testing::log_line(2, "database", "ready"),
                        api::testing::log_line(3, "web", "oops", core::LogStream::Stderr)};
  }
};

TEST_F(CliLogsTest, AllServicesArePrefixedAndAligned) {
  api::testing::ChildResult result = drover({"logs"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "web      | GET / 200\n"
            "database | ready\n"
            "web      | oops\n");
  ASSERT_EQ(controller_.log_queries.size(), 1u);
  EXPECT_EQ(controller_.log_queries[0].last_lines, 100u);  // The default -n.
}

TEST_F(CliLogsTest, OneServicePrintsBareLines) {
  api::testing::ChildResult result =
      drover({"logs", "web", "-n", "1", "--stderr", "--since", "87600h"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "oops\n");
  const core::LogQuery& query = controller_.log_queries.at(0);
  EXPECT_EQ(query.services, std::vector<std::string>{"web"});
  EXPECT_TRUE(query.stderr_only);
  EXPECT_GT(query.since_ms, 0);
}

TEST_F(CliLogsTest, JsonPrintsOneObjectPerLine) {
  api::testing::ChildResult result = drover({"logs", "--json", "-n", "all", "database"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, api::render_log_entry(controller_.ring[1]) + "\n");
  EXPECT_EQ(controller_.log_queries.at(0).last_lines, 0u);
}

TEST_F(CliLogsTest, UnknownServiceExits1) {
  api::testing::ChildResult result = drover({"logs", "wev"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "drover: unknown service \"wev\"; did you mean \"web\"?; known services: web, "
            "database\n");
}

TEST_F(CliLogsTest, BadArgumentsExit2) {
  EXPECT_EQ(drover({"logs", "-n", "lots"}).exit_code, 2);
  api::testing::ChildResult result = drover({"logs", "--since", "10"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("drover: --since: ", 0), 0u) << result.err;
  EXPECT_TRUE(controller_.log_queries.empty());
}

TEST_F(CliLogsTest, FollowPrintsHistoryThenLiveLinesAndEndsWithTheDaemon) {
  controller_.on_follow = [this] {
    boost::asio::post(io_, [this] {
      controller_.emit(api::testing::log_line(4, "database", "live"));
      boost::asio::post(io_, [this] { controller_.end_follows(); });
    });
  };
  api::testing::ChildResult result = drover({"logs", "-f", "-n", "2"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "database | ready\n"
            "web      | oops\n"
            "database | live\n");
  EXPECT_EQ(result.err, "");
  EXPECT_EQ(controller_.live_followers(), 0);
}

TEST_F(CliLogsTest, FollowJsonIsTheStreamAsReceived) {
  controller_.on_follow = [this] {
    boost::asio::post(io_, [this] { server_.close(); });  // Ends every stream cleanly.
  };
  api::testing::ChildResult result = drover({"logs", "--follow", "--json", "web", "-n", "1"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, api::render_log_entry(controller_.ring[2]) + "\n");
}

TEST_F(CliLogsTest, FollowOfAnUnknownServiceExits1) {
  api::testing::ChildResult result = drover({"logs", "-f", "nope"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("unknown service \"nope\""), std::string::npos) << result.err;
}

// Passes output to std::cout and raises SIGINT at the first newline: Ctrl-C
// pressed while `drover logs -f` is following.
class InterruptingBuffer : public std::streambuf {
 protected:
  int overflow(int c) override {
    std::cout.put(static_cast<char>(c));
    if (c == '\n' && !raised_) {
      raised_ = true;
      std::cout.flush();
      std::raise(SIGINT);
    }
    return c;
  }

 private:
  bool raised_ = false;
};

TEST_F(CliLogsTest, CtrlCEndsAFollowQuietly) {
  std::vector<std::string> args = {"drover", "-s", path_, "logs", "-f", "web", "-n", "1"};
  api::testing::ChildResult result = api::testing::run_child(io_, [&args] {
    InterruptingBuffer buffer;
    std::ostream out(&buffer);
    CliIo io{out, std::cerr, [](std::string_view) { return std::nullopt; }};
    return run_cli_with(args, LocalHandlers{}, io);
  });
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "oops\n");
  EXPECT_EQ(result.err, "");
}

// A daemon that dies mid-stream: the chunked body never gets its last chunk.
TEST_F(CliLogsTest, ABrokenStreamExits3) {
  namespace local = boost::asio::local;
  std::string path = dir_ + "/broken.sock";
  local::stream_protocol::acceptor acceptor(io_, local::stream_protocol::endpoint(path));
  local::stream_protocol::socket peer(io_);
  std::array<char, 4096> request{};
  const std::string reply =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
      "1e\r\n{\"service\":\"web\",\"line\":\"hi\"}\n\r\n";
  acceptor.async_accept(peer, [&](const boost::system::error_code& ec) {
    ASSERT_FALSE(ec);
    peer.async_read_some(
        boost::asio::buffer(request), [&](const boost::system::error_code&, size_t) {
          boost::asio::async_write(peer, boost::asio::buffer(reply),
                                   [&](const boost::system::error_code&, size_t) { peer.close(); });
        });
  });
  std::vector<std::string> args = {"drover", "-s", path, "logs", "-f", "web"};
  api::testing::ChildResult result = api::testing::run_child(io_, [&args] {
    CliIo io{std::cout, std::cerr, [](std::string_view) { return std::nullopt; }};
    return run_cli_with(args, LocalHandlers{}, io);
  });
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_EQ(result.out, "hi\n");
  EXPECT_EQ(result.err.rfind("drover: lost the connection to the daemon at " + path, 0), 0u)
      << result.err;
  EXPECT_EQ(std::string(request.data()).rfind("GET /v1/services/web/logs?lines=100&follow=1 ", 0),
            0u);
}

}  // namespace
}  // namespace drover::cli
