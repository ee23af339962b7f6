#include "core/probe_target.h"

#include <gtest/gtest.h>

namespace drover::core {
namespace {

std::string http(std::string_view url) {
  std::string why;
  std::optional<ProbeTarget> target = parse_http_url(url, why);
  return target ? target->host + "|" + target->port + "|" + target->target : "error: " + why;
}

std::string tcp(std::string_view address) {
  std::string why;
  std::optional<ProbeTarget> target = parse_tcp_address(address, why);
  return target ? target->host + "|" + target->port : "error: " + why;
}

TEST(ProbeTargetTest, HttpUrls) {
  EXPECT_EQ(http("http://localhost:8080/healthz"), "localhost|8080|/healthz");
  EXPECT_EQ(http("http://127.0.0.1"), "127.0.0.1|80|/");
  EXPECT_EQ(http("http://web:81?ready=1"), "web|81|/?ready=1");
  EXPECT_EQ(http("http://[::1]:9000/a#frag"), "::1|9000|/a");
}

TEST(ProbeTargetTest, BadHttpUrls) {
  EXPECT_EQ(http("https://x/"), "error: https is not supported; probe the plain http port");
  EXPECT_EQ(http("localhost:80"), "error: expected a URL starting with http://");
  EXPECT_EQ(http("http:///x"), "error: the URL has no host");
  EXPECT_EQ(http("http://u:p@x/"), "error: user info in the URL is not supported");
  EXPECT_EQ(http("http://x:0/"), "error: invalid port \"0\"; expected 1 to 65535");
  EXPECT_EQ(http("http://x:http/"), "error: invalid port \"http\"; expected 1 to 65535");
  EXPECT_EQ(http("http://[::1/"), "error: unterminated [ in the host");
}

TEST(ProbeTargetTest, TcpAddresses) {
  EXPECT_EQ(tcp("db:5432"), "db|5432");
  EXPECT_EQ(tcp(":6379"), "127.0.0.1|6379");
  EXPECT_EQ(tcp("[::1]:53"), "::1|53");
  EXPECT_EQ(tcp("db"), "error: expected host:port");
  EXPECT_EQ(tcp("db:99999"), "error: invalid port \"99999\"; expected 1 to 65535");
  EXPECT_EQ(tcp("[::1]x"), "error: unexpected text after ]");
}

}  // namespace
}  // namespace drover::core
