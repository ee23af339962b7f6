#include "base/error.h"

#include "base/result.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <string>

namespace drover {
namespace {

Error config_error() {
  Error error = make_error(Errc::InvalidConfig, "unknown key \"comand\"");
  error.field = "services.web.comand";
  error.where = SourceLocation{"drover.yaml", 12, 5};
  return error;
}

TEST(ErrorTest, MessageAloneIsJustTheMessage) {
  EXPECT_EQ(make_error(Errc::NotFound, "no such service").to_string(), "no such service");
}

TEST(ErrorTest, FullLocationComesFirstInCompilerForm) {
  EXPECT_EQ(config_error().to_string(),
            "drover.yaml:12:5: services.web.comand: unknown key \"comand\"");
}

TEST(ErrorTest, ColumnIsLeftOutWhenUnknown) {
  Error error = config_error();
  error.where->column = 0;
  EXPECT_EQ(error.to_string(), "drover.yaml:12: services.web.comand: unknown key \"comand\"");
}

TEST(ErrorTest, LineAndColumnAreLeftOutWithoutALine) {
  Error error = config_error();
  error.where->line = 0;
  EXPECT_EQ(error.to_string(), "drover.yaml: services.web.comand: unknown key \"comand\"");
}

TEST(ErrorTest, FieldIsLeftOutWhenEmpty) {
  Error error = config_error();
  error.field.clear();
  EXPECT_EQ(error.to_string(), "drover.yaml:12:5: unknown key \"comand\"");
}

TEST(ErrorTest, FieldWithoutLocation) {
  Error error = config_error();
  error.where.reset();
  EXPECT_EQ(error.to_string(), "services.web.comand: unknown key \"comand\"");
}

TEST(ErrorTest, MakeErrorSetsOnlyCodeAndMessage) {
  Error error = make_error(Errc::Timeout, "slow");
  EXPECT_EQ(error.code, Errc::Timeout);
  EXPECT_EQ(error.message, "slow");
  EXPECT_FALSE(error.where);
  EXPECT_EQ(error.field, "");
  EXPECT_EQ(error.sys_errno, 0);
}

TEST(ErrorTest, ErrnoErrorNamesTheStepAndTheErrnoText) {
  Error error = errno_error(Errc::SpawnFailed, "exec /usr/bin/nope", ENOENT);
  EXPECT_EQ(error.code, Errc::SpawnFailed);
  EXPECT_EQ(error.sys_errno, ENOENT);
  EXPECT_EQ(error.to_string(), "exec /usr/bin/nope: No such file or directory");
}

TEST(ResultTest, HoldsAValue) {
  Result<std::string> result = std::string("ok");
  ASSERT_TRUE(result);
  EXPECT_TRUE(result.has_value());
  EXPECT_EQ(*result, "ok");
  EXPECT_EQ(result->size(), 2u);
  EXPECT_EQ(std::move(result).value(), "ok");
}

TEST(ResultTest, HoldsAnError) {
  Result<int> result = make_error(Errc::Conflict, "already running");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::Conflict);
  EXPECT_EQ(result.error().message, "already running");
}

TEST(ResultTest, VoidResultIsOkByDefault) {
  Result<void> ok;
  EXPECT_TRUE(ok);
  Result<void> failed = make_error(Errc::Io, "write");
  EXPECT_FALSE(failed);
  EXPECT_EQ(failed.error().message, "write");
}

}  // namespace
}  // namespace drover
