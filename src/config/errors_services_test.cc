// Invalid configs, part 2: the command spellings, service names,
// dependencies and ${VAR} expansion. Each case asserts the exact line.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;

class ServiceErrorTest : public test::ErrorCaseTest {};

TEST_P(ServiceErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"CommandAndBinary", "services:\n  web:\n    command: x\n    binary: /bin/x\n",
     R"(drover.yaml:4:5: services.web.binary: command and binary both given; use one of them)"},
    {"NeitherCommandNorBinary", "services:\n  web:\n    restart: always\n",
     R"(drover.yaml:2:3: services.web: no command; set command (or binary and args))"},
    {"ArgsWithoutBinary", "services:\n  web:\n    command: x\n    args: [a]\n",
     R"(drover.yaml:4:5: services.web.args: args needs binary; with command, put the arguments in command)"},
    {"ShellWithListCommand", "services:\n  web:\n    shell: true\n    command: [a, b]\n",
     R"(drover.yaml:3:5: services.web.shell: shell: true needs command as one string, not a list)"},
    {"ShellWithBinary", "services:\n  web:\n    shell: true\n    binary: /bin/x\n",
     R"(drover.yaml:3:5: services.web.shell: shell: true needs command as one string, not binary)"},
    {"ShellNotABool", "services:\n  web:\n    shell: sh\n    command: x\n",
     R"(drover.yaml:3:12: services.web.shell: expected true or false, got "sh")"},
    {"CommandWithUnterminatedQuote", "services:\n  web:\n    command: 'echo \"hi'\n",
     R"(drover.yaml:3:14: services.web.command: unterminated double quote opened at column 6)"},
    {"BlankCommand", "services:\n  web:\n    command: \"  \"\n",
     R"(drover.yaml:3:14: services.web.command: must not be blank)"},
    {"EmptyCommandList", "services:\n  web:\n    command: []\n",
     R"(drover.yaml:3:14: services.web.command: must not be empty)"},
    {"MissingCommandValue", "services:\n  web:\n    command:\n",
     R"(drover.yaml:3:5: services.web.command: expected a string or a list of strings, got nothing)"},
    {"CommandAsMap", "services:\n  web:\n    command: {a: b}\n",
     R"(drover.yaml:3:14: services.web.command: expected a string or a list of strings, got a map)"},
    {"CommandListWithMap", "services:\n  web:\n    command: [a, {b: c}]\n",
     R"(drover.yaml:3:18: services.web.command[1]: expected a string, got a map)"},
    {"ArgsNotAList", "services:\n  web:\n    binary: /bin/x\n    args: --verbose\n",
     R"(drover.yaml:4:11: services.web.args: expected a list of strings, got "--verbose")"},
    {"EmptyBinary", "services:\n  web:\n    binary: \"\"\n",
     R"(drover.yaml:3:13: services.web.binary: must not be empty)"},
    {"ServiceNotAMap", "services:\n  web: gunicorn app\n",
     R"(drover.yaml:2:8: services.web: expected a map of service settings, got "gunicorn app")"},
    {"ServiceWithoutSettings", "services:\n  web:\n",
     R"(drover.yaml:2:3: services.web: expected a map of service settings, got nothing)"},
    {"NameWithSpace", "services:\n  my web:\n    command: x\n",
     R"(drover.yaml:2:3: services.my web: invalid service name; use letters, digits, "_", "." and "-", starting with a letter or digit)"},
    {"NameStartingWithDash", "services:\n  -web:\n    command: x\n",
     R"(drover.yaml:2:3: services.-web: invalid service name; use letters, digits, "_", "." and "-", starting with a letter or digit)"},
    {"NameWithSlash", "services:\n  \"a/b\":\n    command: x\n",
     R"(drover.yaml:2:3: services.a/b: invalid service name; use letters, digits, "_", "." and "-", starting with a letter or digit)"},
    {"ReservedNameAll", "services:\n  all:\n    command: x\n",
     R"(drover.yaml:2:3: services.all: "all" is reserved ("drover stop all" means every service); choose another name)"},
    {"UnknownDependency",
     "services:\n  config-gen: {command: x}\n  web:\n    command: x\n    depends_on: "
     "[confgi-gen]\n",
     R"(drover.yaml:5:18: services.web.depends_on: unknown service "confgi-gen"; did you mean "config-gen"?)"},
    {"UnknownDependencyInMapForm",
     "services:\n  web:\n    command: x\n    depends_on:\n      database: started\n",
     R"(drover.yaml:5:7: services.web.depends_on: unknown service "database")"},
    {"SelfDependency", "services:\n  a:\n    command: x\n    depends_on: [a]\n",
     R"(drover.yaml:4:18: services.a.depends_on: a service cannot depend on itself)"},
    {"DependencyListedTwice",
     "services:\n  db: {command: y}\n  web:\n    command: x\n    depends_on: [db, db]\n",
     R"(drover.yaml:5:22: services.web.depends_on: "db" is listed twice)"},
    {"TwoServiceCycle",
     "services:\n  a:\n    command: x\n    depends_on: [b]\n  b:\n    command: x\n"
     "    depends_on: [a]\n",
     R"(drover.yaml:4:18: services.a.depends_on: dependency cycle: a -> b -> a)"},
    {"ThreeServiceCycle",
     "services:\n  a:\n    command: x\n    depends_on: [b]\n  b:\n    command: x\n"
     "    depends_on: {c: started}\n  c:\n    command: x\n    depends_on: [a]\n",
     R"(drover.yaml:4:18: services.a.depends_on: dependency cycle: a -> b -> c -> a)"},
    {"CycleBehindAnAcyclicService",
     "services:\n  top:\n    command: x\n    depends_on: [b]\n  b:\n    command: x\n"
     "    depends_on: [web, c]\n  web: {command: x}\n  c:\n    command: x\n    depends_on: [b]\n",
     R"(drover.yaml:7:23: services.b.depends_on: dependency cycle: b -> c -> b)"},
    {"UnsetVariable",
     "services:\n  worker:\n    binary: /bin/w\n    args: [\"--queue\", \"${QUEUE}\"]\n",
     R"(drover.yaml:4:23: services.worker.args[1]: variable QUEUE is not set; use ${QUEUE:-} for an empty default)"},
    {"UnsetVariableInSettings",
     "settings:\n  control: ${RUN}/d.sock\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:12: settings.control: variable RUN is not set; use ${RUN:-} for an empty default)"},
    {"UnsetVariableInEnv", "services:\n  a:\n    command: x\n    env:\n      TOKEN: ${TOKEN}\n",
     R"(drover.yaml:5:14: services.a.env.TOKEN: variable TOKEN is not set; use ${TOKEN:-} for an empty default)"},
    {"UnsupportedExpansion", "services:\n  web:\n    command: ${CMD:?needed}\n",
     R"(drover.yaml:3:14: services.web.command: unsupported expansion "${CMD:?needed}"; use ${NAME}, ${NAME:-default} or ${NAME-default})"},
    {"UnterminatedExpansion", "services:\n  web:\n    command: echo ${CMD\n",
     R"(drover.yaml:3:14: services.web.command: unterminated "${"; expected "}")"},
    {"UnsetVariableAsServiceIsReportedOnce", "services:\n  web: ${WEB}\n",
     R"(drover.yaml:2:8: services.web: variable WEB is not set; use ${WEB:-} for an empty default)"},
    {"ExpandedValueStillChecked", "services:\n  web:\n    command: x\n    restart: ${SET}\n",
     R"(drover.yaml:4:14: services.web.restart: unknown value "value"; expected always, on-failure or never)"},
};

INSTANTIATE_TEST_SUITE_P(Corpus, ServiceErrorTest, ::testing::ValuesIn(kCases), test::case_name);

}  // namespace
}  // namespace drover::config
