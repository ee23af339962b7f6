#include "base/did_you_mean.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drover {
namespace {

const std::vector<std::string> kKeys = {"command",       "restart",     "start_period",
                                        "start_retries", "stop_signal", "stop_timeout",
                                        "depends_on",    "env"};

TEST(DidYouMeanTest, FindsASingleTypo) {
  EXPECT_EQ(closest_match("comand", kKeys), "command");
  EXPECT_EQ(closest_match("restrat", kKeys), "restart");
  EXPECT_EQ(closest_match("depend_on", kKeys), "depends_on");
  EXPECT_EQ(closest_match("stop_timout", kKeys), "stop_timeout");
}

TEST(DidYouMeanTest, ExactMatchIsItsOwnClosestMatch) {
  EXPECT_EQ(closest_match("restart", kKeys), "restart");
}

TEST(DidYouMeanTest, PrefersTheSmallestDistance) {
  EXPECT_EQ(closest_match("start_retrie", kKeys), "start_retries");
  EXPECT_EQ(closest_match("stop_signa", kKeys), "stop_signal");
}

TEST(DidYouMeanTest, TiesGoToTheFirstCandidate) {
  EXPECT_EQ(closest_match("ab", {"ac", "ad"}), "ac");
  EXPECT_EQ(closest_match("ab", {"ad", "ac"}), "ad");
}

TEST(DidYouMeanTest, AllowsOneEditPerFourCharactersPlusOne) {
  // "abcdefgh" (8 characters) allows 1 + 8/4 = 3 edits.
  EXPECT_EQ(closest_match("abcdefgh", {"abcdeXYZ"}), "abcdeXYZ");
  EXPECT_EQ(closest_match("abcdefgh", {"abcdWXYZ"}), "");
  // "abc" allows 1 edit.
  EXPECT_EQ(closest_match("abc", {"abd"}), "abd");
  EXPECT_EQ(closest_match("abc", {"axy"}), "");
}

TEST(DidYouMeanTest, CountsInsertionsAndDeletions) {
  EXPECT_EQ(closest_match("envv", kKeys), "env");
  EXPECT_EQ(closest_match("en", kKeys), "env");
}

TEST(DidYouMeanTest, NothingCloseGivesEmpty) {
  EXPECT_EQ(closest_match("healthcheck", kKeys), "");
  EXPECT_EQ(closest_match("x", {}), "");
}

TEST(DidYouMeanTest, EmptyWordMatchesOnlyVeryShortCandidates) {
  EXPECT_EQ(closest_match("", {"ab", "c"}), "c");
  EXPECT_EQ(closest_match("", {"ab"}), "");
}

TEST(DidYouMeanTest, ComparesCaseSensitively) { EXPECT_EQ(closest_match("COMMAND", kKeys), ""); }

TEST(DidYouMeanTest, SuggestionIsAQuotedClause) {
  EXPECT_EQ(did_you_mean("comand", kKeys), "; did you mean \"command\"?");
}

TEST(DidYouMeanTest, NoSuggestionIsEmpty) { EXPECT_EQ(did_you_mean("zzzzzz", kKeys), ""); }

}  // namespace
}  // namespace drover
