// Invalid configs, part 4: the per-service `log` map and the log settings.
// Each case asserts the exact line a user sees.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;

class LogErrorTest : public test::ErrorCaseTest {};

TEST_P(LogErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

#define WEB_LOG "services:\n  web:\n    command: x\n    log:\n"

const ErrorCase kCases[] = {
    {"UnknownLogKey", WEB_LOG "      max_sise: 10MB\n",
     R"(drover.yaml:5:7: services.web.log.max_sise: unknown key; did you mean "max_size"?)"},
    {"UnknownLogKeyWithoutSuggestion", WEB_LOG "      syslog: true\n",
     R"(drover.yaml:5:7: services.web.log.syslog: unknown key)"},
    {"LogNotAMap", "services:\n  web:\n    command: x\n    log: /var/log\n",
     R"(drover.yaml:4:10: services.web.log: expected a map of log settings, got "/var/log")"},
    {"SizeWithSpace", WEB_LOG "      max_size: 10 MB\n",
     R"(drover.yaml:5:17: services.web.log.max_size: invalid size "10 MB"; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB)"},
    {"SizeLowercaseUnit", WEB_LOG "      max_size: 10mb\n",
     R"(drover.yaml:5:17: services.web.log.max_size: invalid size "10mb"; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB)"},
    {"SizeFraction", WEB_LOG "      max_size: 1.5MB\n",
     R"(drover.yaml:5:17: services.web.log.max_size: invalid size "1.5MB"; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB)"},
    {"SizeNegative", WEB_LOG "      ring: -1\n",
     R"(drover.yaml:5:13: services.web.log.ring: invalid size "-1"; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB)"},
    {"SizeTooLarge", WEB_LOG "      max_size: 99999999999GiB\n",
     R"(drover.yaml:5:17: services.web.log.max_size: invalid size "99999999999GiB"; the number is too large)"},
    {"SizeAsList", WEB_LOG "      ring: [1MiB]\n",
     R"(drover.yaml:5:13: services.web.log.ring: expected a size such as 10MB, got a list)"},
    {"MaxLineTooSmall", WEB_LOG "      max_line: 100\n",
     R"(drover.yaml:5:17: services.web.log.max_line: must be at least 1KiB, got "100")"},
    {"NegativeBackups", WEB_LOG "      backups: -1\n",
     R"(drover.yaml:5:16: services.web.log.backups: must be 0 or more, got -1)"},
    {"BackupsNotANumber", WEB_LOG "      backups: five\n",
     R"(drover.yaml:5:16: services.web.log.backups: expected an integer, got "five")"},
    {"FileOtherThanNone", WEB_LOG "      file: off\n",
     R"(drover.yaml:5:13: services.web.log.file: unknown value "off"; expected none)"},
    {"MergeStderrNotBool", WEB_LOG "      merge_stderr: yes\n",
     R"(drover.yaml:5:21: services.web.log.merge_stderr: expected true or false, got "yes")"},
    {"ConsoleNotBool", WEB_LOG "      console: 0\n",
     R"(drover.yaml:5:16: services.web.log.console: expected true or false, got "0")"},
    {"EmptyLogDir", WEB_LOG "      dir: \"\"\n",
     R"(drover.yaml:5:12: services.web.log.dir: must not be empty)"},
    {"EmptyStdoutFile", WEB_LOG "      stdout_file: \"\"\n",
     R"(drover.yaml:5:20: services.web.log.stdout_file: must not be empty)"},
    {"FollowNotAList", WEB_LOG "      follow: /var/log/access.log\n",
     R"(drover.yaml:5:15: services.web.log.follow: expected a list of file paths, got "/var/log/access.log")"},
    {"FollowEntryNotAString", WEB_LOG "      follow: [{path: a.log}]\n",
     R"(drover.yaml:5:16: services.web.log.follow[0]: expected a string, got a map)"},
    {"FollowEntryEmpty", WEB_LOG "      follow: [a.log, \"\"]\n",
     R"(drover.yaml:5:23: services.web.log.follow[1]: must not be empty)"},
    {"FollowEntryExpandsToEmpty", WEB_LOG "      follow:\n        - ${EMPTY}\n",
     R"(drover.yaml:6:11: services.web.log.follow[0]: must not be empty)"},
    {"UnknownLogFormat", "settings:\n  log_format: jsno\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:15: settings.log_format: unknown value "jsno"; expected text or json; did you mean "json"?)"},
    {"LogTimestampsNotBool", "settings:\n  log_timestamps: utc\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:19: settings.log_timestamps: expected true or false, got "utc")"},
    {"EmptySettingsLogDir", "settings:\n  log_dir: \"\"\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:12: settings.log_dir: must not be empty)"},
    {"MisspelledSettingsLogDir", "settings:\n  logdir: /x\nservices:\n  a: {command: x}\n",
     R"(drover.yaml:2:3: settings.logdir: unknown key; did you mean "log_dir"?)"},
};

#undef WEB_LOG

INSTANTIATE_TEST_SUITE_P(Corpus, LogErrorTest, ::testing::ValuesIn(kCases), test::case_name);

}  // namespace
}  // namespace drover::config
