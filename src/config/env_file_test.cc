// env_file parsing, and how env_file and env combine in a loaded service.
#include "config/env_file.h"

#include "config/config_test_util.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace drover::config {
namespace {

EnvList parse(std::string_view text, Errors* errors = nullptr) {
  Errors local;
  EnvList env = parse_env_file(text, "w.env", "services.w.env_file", errors ? *errors : local);
  if (errors == nullptr) {
    EXPECT_TRUE(local.empty()) << local[0].to_string();
  }
  return env;
}

TEST(EnvFileTest, ReadsKeyValueLines) {
  EXPECT_EQ(parse("A=1\nB=two words\nC=\n"), (EnvList{{"A", "1"}, {"B", "two words"}, {"C", ""}}));
}

TEST(EnvFileTest, SkipsBlankLinesAndComments) {
  EXPECT_EQ(parse("# comment\n\n   \n  # indented comment\nA=1\n"), (EnvList{{"A", "1"}}));
}

TEST(EnvFileTest, AcceptsExportPrefixAndCrlf) {
  EXPECT_EQ(parse("export A=1\r\nexport\tB=2\r\n"), (EnvList{{"A", "1"}, {"B", "2"}}));
}

TEST(EnvFileTest, TrimsBlanksAroundKeyAndValue) {
  EXPECT_EQ(parse("  A =  1  \n"), (EnvList{{"A", "1"}}));
}

TEST(EnvFileTest, RemovesOneMatchingPairOfQuotes) {
  EXPECT_EQ(
      parse("A=\"x y\"\nB='# not a comment'\nC=\"unmatched'\nD=\"\"\"\nE='\n"),
      (EnvList{
          {"A", "x y"}, {"B", "# not a comment"}, {"C", "\"unmatched'"}, {"D", "\""}, {"E", "'"}}));
}

TEST(EnvFileTest, KeepsEverythingAfterTheFirstEquals) {
  EXPECT_EQ(parse("URL=postgres://u:p@h/db?sslmode=require\n"),
            (EnvList{{"URL", "postgres://u:p@h/db?sslmode=require"}}));
}

TEST(EnvFileTest, RepeatedKeyKeepsFirstPositionAndLastValue) {
  EXPECT_EQ(parse("A=1\nB=2\nA=3\n"), (EnvList{{"A", "3"}, {"B", "2"}}));
}

TEST(EnvFileTest, BadLinesAreReportedWithTheirLineAndSkipped) {
  Errors errors;
  EXPECT_EQ(parse("A=1\njust words\n=nokey\nMY VAR=1\nB=2", &errors),
            (EnvList{{"A", "1"}, {"B", "2"}}));
  std::vector<std::string> lines;
  for (const Error& error : errors) {
    lines.push_back(error.to_string());
  }
  EXPECT_EQ(lines, (std::vector<std::string>{
                       R"(w.env:2:1: services.w.env_file: expected KEY=VALUE, got "just words")",
                       R"(w.env:3:1: services.w.env_file: invalid variable name "")",
                       R"(w.env:4:1: services.w.env_file: invalid variable name "MY VAR")",
                   }));
}

// Loading configs that name real env files in a private temp directory.
class EnvFileLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "drover-config-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) {
    std::filesystem::create_directories((dir_ / name).parent_path());
    std::ofstream(dir_ / name) << text;
  }
  LoadResult load(const std::string& yaml) {
    return load_text(yaml, (dir_ / "drover.yaml").string(), {{"SET", "value"}});
  }

  std::filesystem::path dir_;
};

TEST_F(EnvFileLoadTest, EnvFileComesFirstAndEnvOverridesInPlace) {
  write("worker.env", "LOG_LEVEL=info\nDB=postgres\nexport TOKEN='abc'\n");
  LoadResult result = load(R"(
services:
  worker:
    command: worker
    env_file: ./worker.env
    env: {EXTRA: 1, LOG_LEVEL: debug, FLAG: true}
)");
  ASSERT_TRUE(result.model.has_value()) << result.errors[0].to_string();
  EXPECT_EQ(result.model->services[0].env, (EnvList{{"LOG_LEVEL", "debug"},
                                                    {"DB", "postgres"},
                                                    {"TOKEN", "abc"},
                                                    {"EXTRA", "1"},
                                                    {"FLAG", "true"}}));
  // drover export references the file as a Secret: it needs the file and
  // the names only the file set (LOG_LEVEL is the config's own).
  EXPECT_TRUE(result.model->services[0].env_file.ends_with("/worker.env"));
  EXPECT_EQ(result.model->services[0].env_file_names, (std::vector<std::string>{"DB", "TOKEN"}));
}

TEST_F(EnvFileLoadTest, PathIsRelativeToTheConfigFileAndMayUseVariables) {
  write("env/value.env", "A=1\n");
  LoadResult result = load("services:\n  a:\n    command: x\n    env_file: env/${SET}.env\n");
  ASSERT_TRUE(result.model.has_value()) << result.errors[0].to_string();
  EXPECT_EQ(result.model->services[0].env, (EnvList{{"A", "1"}}));
}

TEST_F(EnvFileLoadTest, EnvFileValuesAreNotExpanded) {
  write("a.env", "A=${SET}\n");
  LoadResult result = load("services:\n  a:\n    command: x\n    env_file: a.env\n");
  ASSERT_TRUE(result.model.has_value()) << result.errors[0].to_string();
  EXPECT_EQ(result.model->services[0].env, (EnvList{{"A", "${SET}"}}));
}

TEST_F(EnvFileLoadTest, MissingEnvFileIsAnErrorNamingTheResolvedPath) {
  LoadResult result = load("services:\n  a:\n    command: x\n    env_file: ./nope.env\n");
  EXPECT_EQ(test::error_lines(result),
            std::vector<std::string>{
                (dir_ / "drover.yaml").string() + ":4:15: services.a.env_file: cannot read \"" +
                (dir_ / "nope.env").string() + "\": No such file or directory"});
}

TEST_F(EnvFileLoadTest, BadEnvFileLineIsLocatedInTheEnvFile) {
  write("bad.env", "A=1\noops\n");
  LoadResult result = load("services:\n  a:\n    command: x\n    env_file: bad.env\n");
  EXPECT_EQ(
      test::error_lines(result),
      std::vector<std::string>{(dir_ / "bad.env").string() +
                               ":2:1: services.a.env_file: expected KEY=VALUE, got \"oops\""});
}

TEST_F(EnvFileLoadTest, EnvFileThatIsADirectoryIsAnError) {
  write("dir.env/x", "");
  LoadResult result = load("services:\n  a:\n    command: x\n    env_file: dir.env\n");
  EXPECT_EQ(test::error_lines(result),
            std::vector<std::string>{(dir_ / "drover.yaml").string() +
                                     ":4:15: services.a.env_file: cannot read \"" +
                                     (dir_ / "dir.env").string() + "\": Is a directory"});
}

}  // namespace
}  // namespace drover::config
