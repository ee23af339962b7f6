#include "api/access.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <unistd.h>

namespace drover::api {
namespace {

// base64("admin:s3cret"), base64("admin:wrong"), base64("root:s3cret").
constexpr const char* kAdminS3cret = "Basic YWRtaW46czNjcmV0";
constexpr const char* kAdminWrong = "Basic YWRtaW46d3Jvbmc=";
constexpr const char* kRootS3cret = "Basic cm9vdDpzM2NyZXQ=";

AccessPolicy basic_policy(std::string password = "s3cret") {
  AccessPolicy policy;
  policy.user = "admin";
  policy.password = std::move(password);
  policy.public_paths = {"/health", "/metrics"};
  return policy;
}

TEST(AccessTest, NoCredentialsConfiguredAllowsEverything) {
  AccessPolicy open;
  EXPECT_FALSE(open.requires_credentials());
  EXPECT_EQ(check_access(open, "/v1/services", ""), AccessDecision::Allow);
  EXPECT_EQ(check_access(open, "/v1/services", kAdminWrong), AccessDecision::Allow);
}

TEST(AccessTest, BasicNeedsTheRightUserAndPassword) {
  AccessPolicy policy = basic_policy();
  EXPECT_EQ(check_access(policy, "/v1/services", kAdminS3cret), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/v1/services", ""), AccessDecision::Deny);
  EXPECT_EQ(check_access(policy, "/v1/services", kAdminWrong), AccessDecision::Deny);
  EXPECT_EQ(check_access(policy, "/v1/services", kRootS3cret), AccessDecision::Deny);
  // Padded base64 ("admin:pass1" needs one '=') decodes like any other.
  policy.password = "pass1";
  EXPECT_EQ(check_access(policy, "/v1/services", "Basic YWRtaW46cGFzczE="), AccessDecision::Allow);
}

TEST(AccessTest, SchemeIsCaseInsensitiveAndSpacesAreTolerated) {
  AccessPolicy policy = basic_policy();
  EXPECT_EQ(check_access(policy, "/RPC2", "basic YWRtaW46czNjcmV0"), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/RPC2", "  BASIC   YWRtaW46czNjcmV0 "), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/RPC2", "BasicYWRtaW46czNjcmV0"), AccessDecision::Deny);
}

TEST(AccessTest, MalformedBasicCredentialsAreDenied) {
  AccessPolicy policy = basic_policy();
  for (const char* header :
       {"Basic", "Basic ", "Basic !!!!", "Basic YWRtaW4=",  // "admin", no colon
        "Basic YWRtaW46czNjcmV0!", "Digest abc", "Bearer s3cret"}) {
    EXPECT_EQ(check_access(policy, "/v1/services", header), AccessDecision::Deny) << header;
  }
}

TEST(AccessTest, PublicPathsNeedNothingButOnlyExactly) {
  AccessPolicy policy = basic_policy();
  EXPECT_EQ(check_access(policy, "/health", ""), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/metrics", ""), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/metrics/x", ""), AccessDecision::Deny);
  EXPECT_EQ(check_access(policy, "/healthz", ""), AccessDecision::Deny);
}

TEST(AccessTest, SupervisordShaPasswords) {
  // `printf s3cret | sha1sum`, as supervisord's docs suggest producing it.
  AccessPolicy policy = basic_policy("{SHA}fef341f85d87439e7d91a2d465b9871ef66b5e98");
  EXPECT_EQ(check_access(policy, "/RPC2", kAdminS3cret), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/RPC2", kAdminWrong), AccessDecision::Deny);
  policy.password = "{SHA}FEF341F85D87439E7D91A2D465B9871EF66B5E98";  // Hex in either case.
  EXPECT_EQ(check_access(policy, "/RPC2", kAdminS3cret), AccessDecision::Allow);
  // Not 40 hex digits: then it is a plain password that happens to start with {SHA}.
  policy.password = "{SHA}xyz";
  EXPECT_EQ(check_access(policy, "/RPC2", "Basic YWRtaW46e1NIQX14eXo="), AccessDecision::Allow);
}

TEST(AccessTest, BearerTokens) {
  AccessPolicy policy;
  policy.token = "t0ken";
  EXPECT_TRUE(policy.requires_credentials());
  EXPECT_EQ(check_access(policy, "/v1/services", "Bearer t0ken"), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/v1/services", "bearer t0ken"), AccessDecision::Allow);
  EXPECT_EQ(check_access(policy, "/v1/services", "Bearer t0ke"), AccessDecision::Deny);
  EXPECT_EQ(check_access(policy, "/v1/services", "Bearer t0ken2"), AccessDecision::Deny);
  EXPECT_EQ(check_access(policy, "/v1/services", "Basic dDBrZW46"), AccessDecision::Deny);
  EXPECT_EQ(authenticate_challenge(policy), "Bearer realm=\"drover\"");
  EXPECT_EQ(authenticate_challenge(basic_policy()), "Basic realm=\"drover\"");
}

class SecretFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    char pattern[] = "/tmp/drover-access-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::system(("rm -rf " + dir_).c_str()); }
  std::string write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ + "/" + name) << text;
    return dir_ + "/" + name;
  }
  std::string dir_;
};

TEST_F(SecretFiles, FilesAreReadWithoutTheirNewline) {
  core::HttpAuth auth;
  auth.user = "admin";
  auth.password_file = write("pw", "s3cret\n");
  auth.token_file = write("token", "abc\r\n");
  Result<AccessPolicy> policy = load_access_policy(auth, {"/health"}, "settings.http.auth");
  ASSERT_TRUE(policy) << policy.error().to_string();
  EXPECT_EQ(policy->password, "s3cret");
  EXPECT_EQ(policy->token, "abc");
  EXPECT_EQ(policy->public_paths, std::vector<std::string>{"/health"});
  EXPECT_EQ(check_access(*policy, "/v1/services", kAdminS3cret), AccessDecision::Allow);
}

TEST_F(SecretFiles, MissingOrEmptyFilesNameTheFieldNotTheSecret) {
  core::HttpAuth auth;
  auth.user = "admin";
  auth.password_file = dir_ + "/absent";
  Result<AccessPolicy> missing = load_access_policy(auth, {}, "settings.http.auth");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("settings.http.auth.password_file"), std::string::npos);
  EXPECT_NE(missing.error().message.find(dir_ + "/absent"), std::string::npos);

  auth.password_file = write("empty", "\n");
  Result<AccessPolicy> empty = load_access_policy(auth, {}, "settings.http.auth");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("is empty"), std::string::npos);
}

TEST(AccessPolicyTest, UserWithoutPasswordIsAnError) {
  core::HttpAuth auth;
  auth.user = "admin";
  Result<AccessPolicy> policy = load_access_policy(auth, {}, "settings.control");
  ASSERT_FALSE(policy);
  EXPECT_EQ(policy.error().message, "settings.control: a user needs a password or password_file");
}

}  // namespace
}  // namespace drover::api
