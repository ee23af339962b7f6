// Invalid configs, part 1: unknown keys and bad values of single fields.
// Each case asserts the exact line a user sees.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;

class ValueErrorTest : public test::ErrorCaseTest {};

TEST_P(ValueErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"UnknownTopLevelKey", "services:\n  a: {command: x}\nsetings: {}\n",
     R"(drover.yaml:3:1: setings: unknown key; did you mean "settings"?)"},
    {"UnknownTopLevelKeyListsTheKeys", "services:\n  a: {command: x}\nprograms: {}\n",
     R"(drover.yaml:3:1: programs: unknown key; expected settings, hosts or services)"},
    {"UnknownSettingsKey", "settings:\n  contrl: /x.sock\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:3: settings.contrl: unknown key; did you mean "control"?)"},
    {"UnknownServiceKey", "services:\n  web:\n    command: x\n    restrat: always\n",
     R"(drover.yaml:4:5: services.web.restrat: unknown key; did you mean "restart"?)"},
    {"UnknownServiceKeyWithoutSuggestion", "services:\n  web:\n    command: x\n    priority: 5\n",
     R"(drover.yaml:4:5: services.web.priority: unknown key)"},
    {"UnknownRestartValue", "services:\n  web:\n    command: x\n    restart: sometimes\n",
     R"(drover.yaml:4:14: services.web.restart: unknown value "sometimes"; expected always, on-failure or never)"},
    {"MisspelledRestartValue", "services:\n  web:\n    command: x\n    restart: onfailure\n",
     R"(drover.yaml:4:14: services.web.restart: unknown value "onfailure"; expected always, on-failure or never; did you mean "on-failure"?)"},
    {"UnknownType", "services:\n  web:\n    command: x\n    type: daemon\n",
     R"(drover.yaml:4:11: services.web.type: unknown value "daemon"; expected longrun or oneshot)"},
    {"UnknownCondition",
     "services:\n  db: {command: y}\n  web:\n    command: x\n    depends_on: {db: done}\n",
     R"(drover.yaml:5:22: services.web.depends_on.db: unknown value "done"; expected started, healthy or completed_successfully)"},
    {"MissingCondition",
     "services:\n  db: {command: y}\n  web:\n    command: x\n    depends_on:\n      db:\n",
     R"(drover.yaml:6:7: services.web.depends_on.db: expected one of started, healthy or completed_successfully, got nothing)"},
    {"DurationWithSpace", "services:\n  web:\n    command: x\n    stop_timeout: 10 s\n",
     R"(drover.yaml:4:19: services.web.stop_timeout: invalid duration "10 s"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"DurationWithoutUnit", "services:\n  web:\n    command: x\n    start_period: 5\n",
     R"(drover.yaml:4:19: services.web.start_period: invalid duration "5"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"NegativeDuration", "services:\n  web:\n    command: x\n    start_period: -1s\n",
     R"(drover.yaml:4:19: services.web.start_period: invalid duration "-1s"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"DurationBeyondDouble", "services:\n  web:\n    command: x\n    stop_timeout: 1e400s\n",
     R"(drover.yaml:4:19: services.web.stop_timeout: invalid duration "1e400s"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"DurationHugeNumber",
     "services:\n  web:\n    command: x\n    stop_timeout: "
     "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
     "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
     "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
     "99999999999999999999999999999999999999999999999999999999999999999999999999999999999999999999"
     "s\n",
     R"(drover.yaml:4:19: services.web.stop_timeout: invalid duration "999999999999999999999999999999999999999999999999999999999999..."; the number is too large)"},
    {"BadShutdownTimeout", "settings:\n  shutdown_timeout: forever\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:21: settings.shutdown_timeout: invalid duration "forever"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"DurationAsList", "services:\n  web:\n    command: x\n    stop_timeout: [1s]\n",
     R"(drover.yaml:4:19: services.web.stop_timeout: expected a duration such as 10s, got a list)"},
    {"UnknownSignal", "services:\n  web:\n    command: x\n    stop_signal: TREM\n",
     R"(drover.yaml:4:18: services.web.stop_signal: unknown signal "TREM"; expected a name such as TERM, INT, HUP, QUIT, KILL, USR1, USR2 or a number)"},
    {"SignalNumberOutOfRange", "services:\n  web:\n    command: x\n    stop_signal: 99\n",
     R"(drover.yaml:4:18: services.web.stop_signal: unknown signal "99"; expected a name such as TERM, INT, HUP, QUIT, KILL, USR1, USR2 or a number)"},
    {"UmaskNotOctal", "services:\n  web:\n    command: x\n    umask: 0999\n",
     R"(drover.yaml:4:12: services.web.umask: invalid umask "0999"; expected an octal number from 0 to 0777, such as 022)"},
    {"UmaskTooLarge", "services:\n  web:\n    command: x\n    umask: \"1777\"\n",
     R"(drover.yaml:4:12: services.web.umask: invalid umask "1777"; expected an octal number from 0 to 0777, such as 022)"},
    {"UmaskWithPrefix", "services:\n  web:\n    command: x\n    umask: 0o22\n",
     R"(drover.yaml:4:12: services.web.umask: invalid umask "0o22"; expected an octal number from 0 to 0777, such as 022)"},
    {"NegativeStartRetries", "services:\n  web:\n    command: x\n    start_retries: -1\n",
     R"(drover.yaml:4:20: services.web.start_retries: must be 0 or more, got -1)"},
    {"StartRetriesNotANumber", "services:\n  web:\n    command: x\n    start_retries: three\n",
     R"(drover.yaml:4:20: services.web.start_retries: expected an integer, got "three")"},
    {"StartRetriesFraction", "services:\n  web:\n    command: x\n    start_retries: 2.5\n",
     R"(drover.yaml:4:20: services.web.start_retries: expected an integer, got "2.5")"},
    {"ExitCodeTooLarge", "services:\n  web:\n    command: x\n    success_exit_codes: [0, 300]\n",
     R"(drover.yaml:4:29: services.web.success_exit_codes[1]: exit code 300 is out of range 0..255)"},
    {"ExitCodeNegative", "services:\n  web:\n    command: x\n    success_exit_codes: [-1]\n",
     R"(drover.yaml:4:26: services.web.success_exit_codes[0]: exit code -1 is out of range 0..255)"},
    {"ExitCodesNotAList", "services:\n  web:\n    command: x\n    success_exit_codes: 0\n",
     R"(drover.yaml:4:25: services.web.success_exit_codes: expected a list of exit codes, got "0")"},
    {"ExitCodesEmpty", "services:\n  web:\n    command: x\n    success_exit_codes: []\n",
     R"(drover.yaml:4:25: services.web.success_exit_codes: must list at least one exit code)"},
    {"BoolAsYes", "services:\n  web:\n    command: x\n    required: yes\n",
     R"(drover.yaml:4:15: services.web.required: expected true or false, got "yes")"},
    {"BoolMissing", "services:\n  web:\n    command: x\n    autostart:\n",
     R"(drover.yaml:4:5: services.web.autostart: expected true or false, got nothing)"},
    {"UserAsList", "services:\n  web:\n    command: x\n    user: [www]\n",
     R"(drover.yaml:4:11: services.web.user: expected a string, got a list)"},
    {"EmptyWorkingDir", "services:\n  web:\n    command: x\n    working_dir: \"\"\n",
     R"(drover.yaml:4:18: services.web.working_dir: must not be empty)"},
    {"EmptyControlSocket", "settings:\n  control: \"\"\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:12: settings.control: must not be empty)"},
    {"SettingsNotAMap", "settings: fast\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:1:11: settings: expected a map, got "fast")"},
    {"EnvAsList", "services:\n  web:\n    command: x\n    env: [A=1]\n",
     R"(drover.yaml:4:10: services.web.env: expected a map of NAME: value, got a list)"},
    {"EnvValueAsList", "services:\n  web:\n    command: x\n    env: {A: [1]}\n",
     R"(drover.yaml:4:14: services.web.env.A: expected a string, number or boolean, got a list)"},
    {"EnvNameWithEquals", "services:\n  web:\n    command: x\n    env: {\"A=B\": 1}\n",
     R"(drover.yaml:4:11: services.web.env.A=B: invalid variable name)"},
    {"DependsOnAsString",
     "services:\n  db: {command: y}\n  web:\n    command: x\n    depends_on: db\n",
     R"(drover.yaml:5:17: services.web.depends_on: expected a list of service names or a map of name: condition, got "db")"},
};

INSTANTIATE_TEST_SUITE_P(Corpus, ValueErrorTest, ::testing::ValuesIn(kCases), test::case_name);

}  // namespace
}  // namespace drover::config
