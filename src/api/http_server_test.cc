#include "api/http_server.h"

#include "api/json_codec.h"
#include "api/testing/child_process.h"
#include "api/testing/recording_controller.h"

#include <boost/asio/post.hpp>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace drover::api {
namespace {

namespace fs = std::filesystem;
using testing::raw_exchange;
using testing::run_child;

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServerTest() {
    // Short, private paths: unix socket paths are limited to 107 bytes.
    char pattern[] = "/tmp/drover-api-XXXXXX";
    dir_ = ::mkdtemp(pattern);
    path_ = dir_ + "/control.sock";
    controller_.views = testing::sample_views();
  }
  ~HttpServerTest() override {
    server_.close();
    fs::remove_all(dir_);
  }

  // What the server sends back for raw `request` bytes, read until it closes.
  std::string exchange(const std::string& request, bool half_close = true,
                       std::string_view until = {}) {
    testing::ChildResult result =
        run_child(io_, [&] { return raw_exchange(path_, request, half_close, until); });
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out;
  }

  // Runs the loop until `done` or a 10 s deadline; returns done().
  bool run_until(const std::function<bool()>& done) {
    io_.restart();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      io_.run_one_for(std::chrono::milliseconds(50));
    }
    return done();
  }

  boost::asio::io_context io_;
  testing::RecordingController controller_;
  std::vector<std::string> log_;
  HttpServer server_{io_, controller_, [this](std::string_view line) { log_.emplace_back(line); }};
  std::string dir_;
  std::string path_;
};

TEST_F(HttpServerTest, ListensOnASocketOnlyTheOwnerCanUse) {
  ASSERT_TRUE(server_.listen_unix(path_)) << "listen failed";
  struct stat info {};
  ASSERT_EQ(::stat(path_.c_str(), &info), 0);
  EXPECT_TRUE(S_ISSOCK(info.st_mode));
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST_F(HttpServerTest, MissingDirectoryIsAnErrorNamingIt) {
  std::string path = dir_ + "/missing/control.sock";
  Result<void> result = server_.listen_unix(path);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().to_string(), "cannot listen on " + path + ": directory " + dir_ +
                                            "/missing: No such file or directory");
  EXPECT_FALSE(fs::exists(dir_ + "/missing"));
}

TEST_F(HttpServerTest, RefusesAPathALiveServerAnswersOn) {
  ASSERT_TRUE(server_.listen_unix(path_));
  HttpServer second(io_, controller_);
  Result<void> result = second.listen_unix(path_);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::Conflict);
  EXPECT_EQ(result.error().message, "another drover is already listening on " + path_);
  EXPECT_NE(exchange("GET /v1/health HTTP/1.1\r\n\r\n").find("200 OK"), std::string::npos);
}

TEST_F(HttpServerTest, ReplacesAStaleSocket) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path_.c_str(), sizeof(address.sun_path) - 1);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
  ::close(fd);  // Left behind, like a drover that was SIGKILLed.
  ASSERT_TRUE(fs::exists(path_));
  EXPECT_TRUE(server_.listen_unix(path_));
}

TEST_F(HttpServerTest, NeverRemovesAFileThatIsNotASocket) {
  std::ofstream(path_) << "precious";
  Result<void> result = server_.listen_unix(path_);
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("not a socket"), std::string::npos);
  EXPECT_TRUE(fs::is_regular_file(path_));
}

TEST_F(HttpServerTest, TooLongPathIsAnError) {
  Result<void> result = server_.listen_unix(dir_ + "/" + std::string(120, 'x'));
  ASSERT_FALSE(result);
  EXPECT_NE(result.error().message.find("too long"), std::string::npos);
}

TEST_F(HttpServerTest, CloseRemovesTheSocket) {
  ASSERT_TRUE(server_.listen_unix(path_));
  server_.close();
  EXPECT_FALSE(fs::exists(path_));
  HttpServer next(io_, controller_);
  EXPECT_TRUE(next.listen_unix(path_));
}

TEST_F(HttpServerTest, AnswersAGet) {
  ASSERT_TRUE(server_.listen_unix(path_));
  std::string reply = exchange("GET /v1/health HTTP/1.1\r\nHost: localhost\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("Content-Type: application/json\r\n"), std::string::npos);
  EXPECT_NE(reply.find("Content-Length: 15\r\n"), std::string::npos);
  EXPECT_EQ(reply.substr(reply.size() - 15), R"({"status":"ok"})");
}

TEST_F(HttpServerTest, KeepAliveAnswersRequestsInOrder) {
  ASSERT_TRUE(server_.listen_unix(path_));
  std::string reply = exchange(
      "POST /v1/services/web/stop HTTP/1.1\r\nContent-Length: 0\r\n\r\n"
      "POST /v1/services/web/signal HTTP/1.1\r\nContent-Length: 17\r\n\r\n{\"signal\":\"HUP\"}\n"
      "GET /v1/health HTTP/1.1\r\n\r\n");
  size_t first = reply.find("HTTP/1.1 200 OK");
  size_t second = reply.find("HTTP/1.1 200 OK", first + 1);
  size_t third = reply.find(R"({"status":"ok"})", second + 1);
  EXPECT_NE(third, std::string::npos) << reply;
  ASSERT_EQ(controller_.commands.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<core::StopCommand>(controller_.commands[0]));
  EXPECT_EQ(std::get<core::SignalCommand>(controller_.commands[1]).signo, SIGHUP);
}

TEST_F(HttpServerTest, MalformedRequestGets400AndTheConnectionCloses) {
  ASSERT_TRUE(server_.listen_unix(path_));
  std::string reply = exchange("NOT HTTP AT ALL\r\n\r\nGET /v1/health HTTP/1.1\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 400 Bad Request\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos);
  EXPECT_NE(reply.find(R"("code":"bad_request")"), std::string::npos);
  EXPECT_EQ(reply.find("200 OK"), std::string::npos);  // Nothing after the 400.
}

TEST_F(HttpServerTest, OversizedBodyGets413) {
  ASSERT_TRUE(server_.listen_unix(path_));
  std::string reply = exchange("POST /v1/reload HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n{}");
  EXPECT_EQ(reply.rfind("HTTP/1.1 413 Payload Too Large\r\n", 0), 0u) << reply;
  EXPECT_TRUE(controller_.commands.empty());
}

TEST_F(HttpServerTest, ServerSurvivesAPeerThatHangsUpMidRequest) {
  ASSERT_TRUE(server_.listen_unix(path_));
  EXPECT_EQ(exchange("GET /v1/heal"), "");
  EXPECT_NE(exchange("GET /v1/health HTTP/1.1\r\n\r\n").find("200 OK"), std::string::npos);
  EXPECT_TRUE(log_.empty());
}

// The supervisor may close the server from inside a shutdown command; the
// client that asked must still get its answer.
TEST_F(HttpServerTest, CloseDuringARequestStillAnswersIt) {
  ASSERT_TRUE(server_.listen_unix(path_));
  controller_.on_execute = [this](const core::Command&) { server_.close(); };
  std::string reply = exchange("POST /v1/shutdown HTTP/1.1\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 202 Accepted\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos);
  EXPECT_FALSE(fs::exists(path_));
}

// The body of a chunked reply, de-chunked: what a client's parser hands on.
std::string dechunk(const std::string& reply) {
  std::string body;
  size_t at = reply.find("\r\n\r\n");
  if (at == std::string::npos) {
    return "<no header>";
  }
  at += 4;
  while (at < reply.size()) {
    size_t eol = reply.find("\r\n", at);
    size_t size = std::stoul(reply.substr(at, eol - at), nullptr, 16);
    if (size == 0) {
      return reply.substr(eol) == "\r\n\r\n" ? body : body + "<trailing junk>";
    }
    body += reply.substr(eol + 2, size);
    at = eol + 2 + size + 2;
  }
  return body + "<unterminated>";
}

constexpr const char* kFollowAll = "GET /v1/logs?follow=1 HTTP/1.1\r\nHost: x\r\n\r\n";

// History, then live lines in order, then the daemon ends the stream: the
// terminating chunk goes out and the subscription is gone.
TEST_F(HttpServerTest, FollowStreamsHistoryThenLiveLinesUntilTheEnd) {
  ASSERT_TRUE(server_.listen_unix(path_));
  controller_.ring = {testing::log_line(1, "web", "old")};
  controller_.on_follow = [this] {
    boost::asio::post(io_, [this] {
      controller_.emit(testing::log_line(2, "database", "new"));
      boost::asio::post(io_, [this] {
        controller_.emit(testing::log_line(3, "web", "newer"));
        controller_.end_follows();
      });
    });
  };
  std::string reply = exchange(kFollowAll, false);
  EXPECT_EQ(reply.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << reply;
  EXPECT_NE(reply.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << reply;
  EXPECT_NE(reply.find("Content-Type: application/x-ndjson\r\n"), std::string::npos);
  EXPECT_EQ(dechunk(reply), render_log_entry(controller_.ring[0]) + "\n" +
                                render_log_entry(controller_.ring[1]) + "\n" +
                                render_log_entry(controller_.ring[2]) + "\n");
  EXPECT_TRUE(run_until([this] { return controller_.live_followers() == 0; }));
  EXPECT_TRUE(log_.empty());
}

TEST_F(HttpServerTest, FollowOfAnUnknownServiceIs404) {
  ASSERT_TRUE(server_.listen_unix(path_));
  std::string reply = exchange("GET /v1/services/nope/logs?follow=1 HTTP/1.1\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.1 404 Not Found\r\n", 0), 0u) << reply;
  EXPECT_TRUE(controller_.followers.empty());
}

TEST_F(HttpServerTest, ClientLeavingEndsTheSubscription) {
  ASSERT_TRUE(server_.listen_unix(path_));
  controller_.ring = {testing::log_line(1, "web", "old")};
  std::string reply = exchange(kFollowAll, false, "\"old\"}");
  EXPECT_NE(reply.find("\"line\":\"old\""), std::string::npos) << reply;
  ASSERT_EQ(controller_.followers.size(), 1u);
  EXPECT_TRUE(run_until([this] { return controller_.live_followers() == 0; }));
  EXPECT_TRUE(log_.empty());
}

TEST_F(HttpServerTest, CloseEndsAFollowStreamCleanly) {
  ASSERT_TRUE(server_.listen_unix(path_));
  controller_.on_follow = [this] { boost::asio::post(io_, [this] { server_.close(); }); };
  std::string reply = exchange(kFollowAll, false);
  EXPECT_EQ(dechunk(reply), "") << reply;
  EXPECT_EQ(controller_.live_followers(), 0);
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(HttpServerTest, CurlCanTalkToIt) {
  if (::access("/usr/bin/curl", X_OK) != 0) {
    GTEST_SKIP() << "curl is not installed (apt-get install curl)";
  }
  ASSERT_TRUE(server_.listen_unix(path_));
  testing::ChildResult result = testing::run_program(
      io_, {"curl", "-sS", "--unix-socket", path_, "-X", "POST", "-d", R"({"signal":"USR2"})",
            "http://localhost/v1/services/web/signal"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, R"({"results":[{"name":"web","ok":true,"message":"signalled"}]})");
  result = testing::run_program(io_, {"curl", "-sS", "-i", "--unix-socket", path_, "-X", "DELETE",
                                      "http://localhost/v1/services/web"});
  EXPECT_NE(result.out.find("HTTP/1.1 405 Method Not Allowed"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("Allow: GET"), std::string::npos);
}

TEST_F(HttpServerTest, CurlCanFollow) {
  if (::access("/usr/bin/curl", X_OK) != 0) {
    GTEST_SKIP() << "curl is not installed (apt-get install curl)";
  }
  ASSERT_TRUE(server_.listen_unix(path_));
  controller_.ring = {testing::log_line(1, "web", "old")};
  controller_.on_follow = [this] {
    boost::asio::post(io_, [this] {
      controller_.emit(testing::log_line(2, "web", "new"));
      controller_.end_follows();
    });
  };
  testing::ChildResult result = testing::run_program(
      io_,
      {"curl", "-sSN", "--unix-socket", path_, "http://localhost/v1/services/web/logs?follow=1"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, render_log_entry(controller_.ring[0]) + "\n" +
                            render_log_entry(controller_.ring[1]) + "\n");
}

}  // namespace
}  // namespace drover::api
