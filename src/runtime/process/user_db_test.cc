#include "runtime/process/user_db.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::runtime {
namespace {

class UserDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/dv-users-XXXXXX";
    root_ = ::mkdtemp(name);
    ::mkdir((root_ + "/etc").c_str(), 0755);
    std::ofstream(root_ + "/etc/passwd") << "root:x:0:0:root:/root:/bin/sh\n"
                                         << "# a comment\n"
                                         << "broken line\n"
                                         << "app:x:1000:1001:App:/home/app:/bin/false\n";
    std::ofstream(root_ + "/etc/group") << "root:x:0:\n"
                                        << "appgrp:x:1001:\n"
                                        << "docker:x:998:app,other\n"
                                        << "audio:x:29:other\n";
  }
  void TearDown() override {
    std::string command = "rm -rf " + root_;
    EXPECT_EQ(std::system(command.c_str()), 0);
  }
  std::string root_;
};

TEST_F(UserDbTest, FindsUserByNameWithHomeAndPrimaryGroup) {
  Result<UserEntry> user = lookup_user("app", root_);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->uid, 1000u);
  EXPECT_EQ(user->gid, 1001u);
  EXPECT_EQ(user->home, "/home/app");
}

TEST_F(UserDbTest, FindsUserByUid) {
  Result<UserEntry> user = lookup_user("1000", root_);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->name, "app");
}

TEST_F(UserDbTest, NumericUidWithoutEntryIsAccepted) {
  Result<UserEntry> user = lookup_user("4242", root_);
  ASSERT_TRUE(user);
  EXPECT_EQ(user->uid, 4242u);
  EXPECT_EQ(user->gid, 4242u);
}

TEST_F(UserDbTest, UnknownUserNamesTheFileSearched) {
  Result<UserEntry> user = lookup_user("nobody-here", root_);
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error().message, "user \"nobody-here\" not found in " + root_ + "/etc/passwd");
}

TEST_F(UserDbTest, GroupsByNameAndNumber) {
  EXPECT_EQ(*lookup_group("docker", root_), 998u);
  EXPECT_EQ(*lookup_group("29", root_), 29u);
  EXPECT_FALSE(lookup_group("nogroup", root_));
}

TEST_F(UserDbTest, SupplementaryGroupsListMembership) {
  EXPECT_EQ(supplementary_groups("app", 1001, root_), (std::vector<gid_t>{1001, 998}));
  EXPECT_EQ(supplementary_groups("other", 5, root_), (std::vector<gid_t>{5, 998, 29}));
}

}  // namespace
}  // namespace drover::runtime
