// settings.http: the valid forms and every invalid one, with the exact line
// a user sees.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::error_lines;
using test::ErrorCase;
using test::load;

#define SERVICES "services:\n  a: {command: x}\n"

TEST(SettingsHttpTest, AbsentMeansNoListener) {
  LoadResult result = load(SERVICES);
  ASSERT_TRUE(result.model);
  EXPECT_EQ(result.model->settings.http, core::HttpListenerSpec{});
  EXPECT_TRUE(result.model->settings.http.listen.empty());
}

TEST(SettingsHttpTest, EveryKeyIsRead) {
  LoadResult result = load(
      "settings:\n  http:\n    listen: 127.0.0.1:9001\n"
      "    auth: {user: admin, password_file: /run/secrets/pw}\n"
      "    public: [/health]\n    insecure: true\n" SERVICES);
  ASSERT_EQ(error_lines(result), std::vector<std::string>{});
  const core::HttpListenerSpec& http = result.model->settings.http;
  EXPECT_EQ(http.listen, "127.0.0.1:9001");
  EXPECT_EQ(http.auth.user, "admin");
  EXPECT_EQ(http.auth.password_file, "/run/secrets/pw");
  EXPECT_EQ(http.public_paths, std::vector<std::string>{"/health"});
  EXPECT_TRUE(http.insecure);
}

TEST(SettingsHttpTest, TokenAloneAndDefaultPublicPaths) {
  LoadResult result =
      load("settings:\n  http:\n    listen: \"[::1]:80\"\n    auth: {token_file: t}\n" SERVICES);
  ASSERT_EQ(error_lines(result), std::vector<std::string>{});
  EXPECT_EQ(result.model->settings.http.auth.token_file, "t");
  EXPECT_EQ(result.model->settings.http.public_paths,
            (std::vector<std::string>{"/health", "/metrics"}));
  EXPECT_FALSE(result.model->settings.http.insecure);
}

class HttpErrorTest : public test::ErrorCaseTest {};

TEST_P(HttpErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"NotAMap", "settings:\n  http: 9001\n" SERVICES,
     R"(drover.yaml:2:9: settings.http: expected a map with listen, auth, public, insecure, got "9001")"},
    {"MissingListen", "settings:\n  http: {insecure: true}\n" SERVICES,
     R"(drover.yaml:2:9: settings.http.listen: missing; e.g. 127.0.0.1:9001)"},
    {"ListenWithoutPort", "settings:\n  http: {listen: localhost}\n" SERVICES,
     R"(drover.yaml:2:18: settings.http.listen: expected host:port (e.g. 127.0.0.1:9001), got "localhost")"},
    {"ListenPortTooLarge", "settings:\n  http: {listen: \"127.0.0.1:70000\"}\n" SERVICES,
     R"(drover.yaml:2:18: settings.http.listen: expected host:port (e.g. 127.0.0.1:9001), got "127.0.0.1:70000")"},
    {"UnknownKey", "settings:\n  http: {listen: \":1\", lisen: x}\n" SERVICES,
     R"(drover.yaml:2:24: settings.http.lisen: unknown key; did you mean "listen"?)"},
    {"UserWithoutPassword", "settings:\n  http: {listen: \":1\", auth: {user: a}}\n" SERVICES,
     R"(drover.yaml:2:37: settings.http.auth: user needs a password_file)"},
    {"PasswordWithoutUser",
     "settings:\n  http: {listen: \":1\", auth: {password_file: p}}\n" SERVICES,
     R"(drover.yaml:2:46: settings.http.auth: password_file needs a user)"},
    {"EmptyAuth", "settings:\n  http: {listen: \":1\", auth: {}}\n" SERVICES,
     R"(drover.yaml:2:30: settings.http.auth: expected user and password_file, or token_file)"},
    {"InlinePassword",
     "settings:\n  http: {listen: \":1\", auth: {user: a, password: p, password_file: "
     "f}}\n" SERVICES,
     R"(drover.yaml:2:40: settings.http.auth.password: unknown key; expected user, password_file or token_file)"},
    {"PublicPathWithoutSlash", "settings:\n  http: {listen: \":1\", public: [health]}\n" SERVICES,
     R"(drover.yaml:2:32: settings.http.public: paths start with '/', got "health")"},
    {"InsecureNotBool", "settings:\n  http: {listen: \":1\", insecure: maybe}\n" SERVICES,
     R"(drover.yaml:2:34: settings.http.insecure: expected true or false, got "maybe")"},
};

#undef SERVICES

INSTANTIATE_TEST_SUITE_P(Corpus, HttpErrorTest, ::testing::ValuesIn(kCases), test::case_name);

}  // namespace
}  // namespace drover::config
