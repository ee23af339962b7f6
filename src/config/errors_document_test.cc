// Invalid configs, part 3: problems with the document as a whole (YAML
// syntax, tabs, empty files, the top-level shape, duplicate keys), several
// errors in one file, and input meant to break the parser.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;
using test::errors_of;

class DocumentErrorTest : public test::ErrorCaseTest {};

TEST_P(DocumentErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"UnclosedFlowList", "services:\n  web:\n    command: [x\n",
     R"(drover.yaml:4:1: invalid YAML: end of sequence flow not found)"},
    {"MapValueOnSameLine", "services:\n  web: command: x\n",
     R"(drover.yaml:2:15: invalid YAML: illegal map value)"},
    {"BadIndentation", "services:\n  web:\n    command: x\n   restart: never\n",
     R"(drover.yaml:4:4: invalid YAML: end of map not found)"},
    {"UndefinedAlias", "services:\n  web: *base\n",
     R"(drover.yaml:2:8: invalid YAML: the referenced anchor is not defined)"},
    {"TabIndentation", "services:\n\tweb:\n    command: x\n",
     R"(drover.yaml:2:1: invalid YAML: tab character in indentation; indent with spaces)"},
    {"TabAfterSpaces", "services:\n  web:\n  \tcommand: x\n",
     R"(drover.yaml:3:3: invalid YAML: tab character in indentation; indent with spaces)"},
    {"EmptyFile", "",
     R"(drover.yaml:1:1: the file is empty; expected a map with a "services" key)"},
    {"OnlyComments", "# nothing here yet\n\n",
     R"(drover.yaml:1:1: the file is empty; expected a map with a "services" key)"},
    {"TopLevelList", "- web\n- worker\n",
     R"(drover.yaml:1:1: expected a map with "settings" and "services" at the top level, got a list)"},
    {"TopLevelScalar", "gunicorn app:wsgi\n",
     R"(drover.yaml:1:1: expected a map with "settings" and "services" at the top level, got "gunicorn app:wsgi")"},
    {"TwoDocuments", "services:\n  a: {command: x}\n---\nservices:\n  b: {command: y}\n",
     R"(drover.yaml:4:1: a second YAML document; a config file holds exactly one)"},
    {"MissingServices", "settings:\n  shutdown_timeout: 5s\n",
     R"(drover.yaml:1:1: services: missing; define at least one service)"},
    {"NullServices", "settings: {}\nservices:\n",
     R"(drover.yaml:2:1: services: no services defined)"},
    {"EmptyServices", "services: {}\n", R"(drover.yaml:1:11: services: no services defined)"},
    {"ServicesAsList", "services:\n  - web\n",
     R"(drover.yaml:2:3: services: expected a map of name: service, got a list)"},
    {"DuplicateService", "services:\n  web:\n    command: x\n  web:\n    command: y\n",
     R"(drover.yaml:4:3: services.web: duplicate key; first defined at line 2)"},
    {"DuplicateField",
     "services:\n  web:\n    command: x\n    restart: never\n    restart: always\n",
     R"(drover.yaml:5:5: services.web.restart: duplicate key; first defined at line 4)"},
    {"DuplicateInFlowMap", "services:\n  web: {command: x, command: y}\n",
     R"(drover.yaml:2:21: services.web.command: duplicate key; first defined at line 2)"},
    {"ListAsKey", "services:\n  web:\n    command: x\n    ? [a, b]\n    : c\n",
     R"(drover.yaml:4:7: services.web: keys must be non-empty strings)"},
    {"ControlSocketPathTooLong",
     "settings:\n  control: "
     "/run/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
     "aaaaaaaaaaaaaaaaaaaaaaaaa.sock\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:12: settings.control: socket path is 115 bytes long; a unix socket path holds at most 107)"},
    {"RecursiveAlias", "services:\n  a: &loop [*loop]\n",
     R"(drover.yaml:2:13: alias *loop refers to a value that contains it)"},
    // yaml-cpp 0.7's LoadAll loops forever on these (yaml-cpp #1040).
    {"StrayComma", ",1", R"(drover.yaml:1:1: invalid YAML: unexpected ",")"},
    {"StrayCommaAfterDocumentStart", "---\n  ,\n",
     R"(drover.yaml:2:3: invalid YAML: unexpected ",")"},
};

INSTANTIATE_TEST_SUITE_P(Corpus, DocumentErrorTest, ::testing::ValuesIn(kCases), test::case_name);

TEST(DocumentErrorTest, EveryErrorIsReportedInFileOrder) {
  EXPECT_EQ(
      errors_of(R"(
settings:
  shutdown_timeout: soon
services:
  web:
    command: gunicorn app
    restart: sometimes
    depends_on: [db]
  worker:
    binary: /bin/worker
    command: worker
    stop_signal: NOPE
    umask: 999
  all:
    command: x
    restrat: never
)"),
      (std::vector<std::string>{
          R"(drover.yaml:3:21: settings.shutdown_timeout: invalid duration "soon"; expected a number with a unit: 500ms, 10s, 2m, 1h)",
          R"(drover.yaml:7:14: services.web.restart: unknown value "sometimes"; expected always, on-failure or never)",
          R"(drover.yaml:8:18: services.web.depends_on: unknown service "db")",
          R"(drover.yaml:11:5: services.worker.command: command and binary both given; use one of them)",
          R"(drover.yaml:12:18: services.worker.stop_signal: unknown signal "NOPE"; expected a name such as TERM, INT, HUP, QUIT, KILL, USR1, USR2 or a number)",
          R"(drover.yaml:13:12: services.worker.umask: invalid umask "999"; expected an octal number from 0 to 0777, such as 022)",
          R"(drover.yaml:14:3: services.all: "all" is reserved ("drover stop all" means every service); choose another name)",
          R"(drover.yaml:16:5: services.all.restrat: unknown key; did you mean "restart"?)",
      }));
}

TEST(DocumentErrorTest, ErrorsCarryFieldLocationAndCode) {
  LoadResult result = test::load("services:\n  web:\n    command: x\n    type: daemon\n");
  ASSERT_EQ(result.errors.size(), 1u);
  const Error& error = result.errors[0];
  EXPECT_EQ(error.code, Errc::InvalidConfig);
  EXPECT_EQ(error.field, "services.web.type");
  ASSERT_TRUE(error.where.has_value());
  EXPECT_EQ(error.where->file, "drover.yaml");
  EXPECT_EQ(error.where->line, 4);
  EXPECT_EQ(error.where->column, 11);
}

TEST(DocumentErrorTest, ByteOrderMarkAndCrlfAreAccepted) {
  LoadResult result = test::load("\xef\xbb\xbfservices:\r\n  a:\r\n    command: x\r\n");
  EXPECT_TRUE(result.errors.empty());
  EXPECT_TRUE(result.model.has_value());
}

TEST(DocumentErrorTest, AliasBombIsStoppedBySizeLimit) {
  std::string yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    std::string name = std::to_string(i);
    std::string previous = std::to_string(i - 1);
    yaml.append("a").append(name).append(": &a").append(name).append(" [*a").append(previous);
    for (int j = 1; j < 10; ++j) {
      yaml.append(", *a").append(previous);
    }
    yaml.append("]\n");
  }
  std::vector<std::string> errors = errors_of(yaml);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("more than 100000 values (after expanding aliases)"), std::string::npos)
      << errors[0];
}

TEST(DocumentErrorTest, DeepNestingIsAnErrorNotACrash) {
  std::string yaml = "services: " + std::string(5000, '[') + std::string(5000, ']');
  EXPECT_EQ(errors_of(yaml),
            std::vector<std::string>{"drover.yaml:1:74: nested more than 64 levels deep"});
}

TEST(DocumentErrorTest, BinaryGarbageIsAnErrorNotACrash) {
  std::string garbage;
  for (int i = 0; i < 4096; ++i) {
    garbage += static_cast<char>((i * 7919 + 13) % 256);
  }
  LoadResult result = test::load(garbage);
  EXPECT_FALSE(result.errors.empty());
  EXPECT_FALSE(result.model.has_value());
}

// A cheap stand-in for the fuzzer in unit runs: every prefix of a config that
// uses every feature must load to either a model or errors, never a crash.
TEST(DocumentErrorTest, EveryPrefixOfAConfigLoadsWithoutCrashing) {
  const std::string yaml = R"(settings:
  control: ${XDG_RUNTIME_DIR:-/tmp}/d.sock
  shutdown_timeout: 1m30s
services:
  gen: {type: oneshot, command: ["python3", "gen.py"], success_exit_codes: [0, 3]}
  web:
    command: 'gunicorn "app:wsgi" --bind 0.0.0.0:8000'
    depends_on: {gen: completed_successfully}
    env: &env {A: 1, B: "${B-b}"}
  worker:
    binary: /bin/w
    args: [--queue, "$${literal}"]
    env: *env
    depends_on: [web]
    umask: 022
    stop_signal: INT
)";
  ASSERT_TRUE(test::load(yaml).model.has_value());
  for (size_t length = 0; length < yaml.size(); ++length) {
    LoadResult result = test::load(yaml.substr(0, length));
    EXPECT_NE(result.model.has_value(), !result.errors.empty()) << yaml.substr(0, length);
  }
}

}  // namespace
}  // namespace drover::config
