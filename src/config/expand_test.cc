// ${VAR} expansion on its own, and applied to a whole config.
#include "config/expand.h"

#include "config/config_test_util.h"
#include "config/env_file.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

const Environment kEnv = {{"HOME", "/root"}, {"EMPTY", ""}, {"QUEUE", "jobs"}, {"DOLLAR", "$X"}};

std::string expanded(std::string_view text) {
  Result<std::string> result = expand_variables(text, kEnv);
  return result ? *result : "error: " + result.error().message;
}

TEST(ExpandTest, TextWithoutReferencesIsUnchanged) {
  EXPECT_EQ(expanded(""), "");
  EXPECT_EQ(expanded("gunicorn app:wsgi"), "gunicorn app:wsgi");
  EXPECT_EQ(expanded("{}"), "{}");
}

TEST(ExpandTest, BracedReferenceIsReplaced) {
  EXPECT_EQ(expanded("${HOME}"), "/root");
  EXPECT_EQ(expanded("--home=${HOME}/x --q ${QUEUE}"), "--home=/root/x --q jobs");
  EXPECT_EQ(expanded("${EMPTY}"), "");
}

TEST(ExpandTest, ColonDashDefaultAppliesWhenUnsetOrEmpty) {
  EXPECT_EQ(expanded("${NOPE:-default}"), "default");
  EXPECT_EQ(expanded("${EMPTY:-default}"), "default");
  EXPECT_EQ(expanded("${QUEUE:-default}"), "jobs");
  EXPECT_EQ(expanded("${NOPE:-}"), "");
}

TEST(ExpandTest, DashDefaultAppliesOnlyWhenUnset) {
  EXPECT_EQ(expanded("${NOPE-default}"), "default");
  EXPECT_EQ(expanded("${EMPTY-default}"), "");
  EXPECT_EQ(expanded("${QUEUE-default}"), "jobs");
}

TEST(ExpandTest, DefaultMayHoldSpacesAndReferences) {
  EXPECT_EQ(expanded("${NOPE:-a b c}"), "a b c");
  EXPECT_EQ(expanded("${NOPE:-${QUEUE}}"), "jobs");
  EXPECT_EQ(expanded("${NOPE:-${ALSO_NOPE:-x}-y}"), "x-y");
}

TEST(ExpandTest, DefaultIsNotExpandedWhenNotUsed) {
  EXPECT_EQ(expanded("${QUEUE:-${UNSET}}"), "jobs");
}

TEST(ExpandTest, DoubleDollarIsALiteralDollar) {
  EXPECT_EQ(expanded("$$"), "$");
  EXPECT_EQ(expanded("$${HOME}"), "${HOME}");
  EXPECT_EQ(expanded("cost: 5$$"), "cost: 5$");
  EXPECT_EQ(expanded("$$$${HOME}"), "$${HOME}");
}

TEST(ExpandTest, PlainDollarIsKeptForTheShell) {
  EXPECT_EQ(expanded("$HOME"), "$HOME");
  EXPECT_EQ(expanded("echo $1 $@ $"), "echo $1 $@ $");
}

TEST(ExpandTest, ValuesAreInsertedLiterally) { EXPECT_EQ(expanded("${DOLLAR}"), "$X"); }

TEST(ExpandTest, UnsetVariableIsAnError) {
  EXPECT_EQ(expanded("--queue ${NOPE}"),
            "error: variable NOPE is not set; use ${NOPE:-} for an empty default");
}

TEST(ExpandTest, UnterminatedReferenceIsAnError) {
  EXPECT_EQ(expanded("${HOME"), "error: unterminated \"${\"; expected \"}\"");
  EXPECT_EQ(expanded("${NOPE:-${X}"), "error: unterminated \"${\"; expected \"}\"");
}

TEST(ExpandTest, InvalidNamesAreErrors) {
  EXPECT_EQ(expanded("${}"), "error: invalid variable name in \"${}\"");
  EXPECT_EQ(expanded("${1X}"), "error: invalid variable name in \"${1X}\"");
  EXPECT_EQ(expanded("${ X}"), "error: invalid variable name in \"${ X}\"");
}

TEST(ExpandTest, OtherShellFormsAreErrors) {
  EXPECT_EQ(expanded("${HOME:?required}"),
            "error: unsupported expansion \"${HOME:?required}\"; use ${NAME}, ${NAME:-default} "
            "or ${NAME-default}");
  EXPECT_EQ(expanded("${HOME:+set}"),
            "error: unsupported expansion \"${HOME:+set}\"; use ${NAME}, ${NAME:-default} or "
            "${NAME-default}");
}

TEST(ExpandTest, DeeplyNestedDefaultsAreAnError) {
  std::string text;
  for (int i = 0; i < 20; ++i) {
    text += "${N" + std::to_string(i) + ":-";
  }
  text += "x" + std::string(20, '}');
  EXPECT_EQ(expanded(text), "error: defaults nested more than 8 levels deep");
}

TEST(ExpandTest, ConfigValuesAreExpandedButKeysAreNot) {
  LoadResult result = test::load(R"(
settings:
  control: ${RUN:-/run}/drover.sock
services:
  web:
    command: echo ${QUEUE} $$HOME
    env:
      ${KEY}: ${QUEUE}
    start_retries: ${RETRIES:-5}
)",
                                 {{"QUEUE", "jobs"}, {"KEY", "unused"}});
  ASSERT_TRUE(result.model.has_value()) << result.errors[0].to_string();
  const core::Model& model = *result.model;
  EXPECT_EQ(model.settings.control, "/run/drover.sock");
  ASSERT_EQ(model.services.size(), 1u);
  const core::ServiceSpec& spec = model.services[0];
  EXPECT_EQ(spec.argv, (std::vector<std::string>{"echo", "jobs", "$HOME"}));
  EXPECT_EQ(spec.env, (EnvList{{"${KEY}", "jobs"}}));
  EXPECT_EQ(spec.start_retries, 5);
}

}  // namespace
}  // namespace drover::config
