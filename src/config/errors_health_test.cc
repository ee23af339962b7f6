// Invalid configs, part 4: health checks, readiness and the watchdog. Each
// case asserts the exact line.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;

class HealthErrorTest : public test::ErrorCaseTest {};

TEST_P(HealthErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"NoProbe", "services:\n  web:\n    command: x\n    health:\n      interval: 5s\n",
     R"(drover.yaml:4:5: services.web.health: no probe; set exec, http or tcp)"},
    {"TwoProbes",
     "services:\n  web:\n    command: x\n    health:\n      exec: true\n      tcp: ':80'\n",
     R"(drover.yaml:6:7: services.web.health.tcp: exec and tcp both given; a health check has one probe)"},
    {"UnknownKey",
     "services:\n  web:\n    command: x\n    health:\n      tcp: ':80'\n      intreval: 5s\n",
     R"(drover.yaml:6:7: services.web.health.intreval: unknown key; did you mean "interval"?)"},
    {"HealthNotAMap", "services:\n  web:\n    command: x\n    health: curl x\n",
     R"(drover.yaml:4:13: services.web.health: expected a map with exec, http or tcp, got "curl x")"},
    {"HttpsUrl", "services:\n  web:\n    command: x\n    health: {http: 'https://x/'}\n",
     R"(drover.yaml:4:20: services.web.health.http: invalid URL "https://x/": https is not supported; probe the plain http port)"},
    {"TcpWithoutPort", "services:\n  web:\n    command: x\n    health: {tcp: db}\n",
     R"(drover.yaml:4:19: services.web.health.tcp: invalid address "db": expected host:port)"},
    {"EmptyExecList", "services:\n  web:\n    command: x\n    health: {exec: []}\n",
     R"(drover.yaml:4:20: services.web.health.exec: must not be empty)"},
    {"ExecUnterminatedQuote", "services:\n  web:\n    command: x\n    health: {exec: \"'a\"}\n",
     R"(drover.yaml:4:20: services.web.health.exec: unterminated single quote opened at column 1)"},
    {"StatusOutOfRange",
     "services:\n  web:\n    command: x\n    health: {http: 'http://x/', status: [200, 700]}\n",
     R"(drover.yaml:4:47: services.web.health.status[1]: status code 700 is out of range 100..599)"},
    {"StatusWithTcp",
     "services:\n  web:\n    command: x\n    health: {tcp: ':80', status: [200]}\n",
     R"(drover.yaml:4:26: services.web.health.status: status applies to http probes only)"},
    {"ZeroInterval", "services:\n  web:\n    command: x\n    health: {tcp: ':80', interval: 0}\n",
     R"(drover.yaml:4:36: services.web.health.interval: must be more than 0)"},
    {"BadTimeout", "services:\n  web:\n    command: x\n    health: {tcp: ':80', timeout: soon}\n",
     R"(drover.yaml:4:35: services.web.health.timeout: invalid duration "soon"; expected a number with a unit: 500ms, 10s, 2m, 1h)"},
    {"NegativeRetries",
     "services:\n  web:\n    command: x\n    health: {tcp: ':80', retries: -1}\n",
     R"(drover.yaml:4:35: services.web.health.retries: must be 0 or more, got -1)"},
    {"ZeroSuccessThreshold",
     "services:\n  web:\n    command: x\n    health: {tcp: ':80', success_threshold: 0}\n",
     R"(drover.yaml:4:45: services.web.health.success_threshold: must be 1 or more, got 0)"},
    {"BadOnFailure",
     "services:\n  web:\n    command: x\n    health: {tcp: ':80', on_failure: restrat}\n",
     R"(drover.yaml:4:38: services.web.health.on_failure: unknown value "restrat"; expected restart or none; did you mean "restart"?)"},
    {"ReadyUnknownValue", "services:\n  web:\n    command: x\n    ready: notfy\n",
     R"(drover.yaml:4:12: services.web.ready: unknown value "notfy"; expected notify or {fd: N}; did you mean "notify"?)"},
    {"ReadyFdTooLow", "services:\n  web:\n    command: x\n    ready: {fd: 1}\n",
     R"(drover.yaml:4:17: services.web.ready.fd: fd 1 is out of range 3..1023)"},
    {"ReadyMapWithoutFd", "services:\n  web:\n    command: x\n    ready: {}\n",
     R"(drover.yaml:4:5: services.web.ready: expected notify or {fd: N})"},
    {"WatchdogWithoutNotify", "services:\n  web:\n    command: x\n    watchdog: 30s\n",
     R"(drover.yaml:4:5: services.web.watchdog: watchdog needs ready: notify (WATCHDOG=1 arrives on the notify socket))"},
    {"ZeroWatchdog", "services:\n  web:\n    command: x\n    ready: notify\n    watchdog: 0s\n",
     R"(drover.yaml:5:15: services.web.watchdog: must be more than 0)"},
};

INSTANTIATE_TEST_SUITE_P(Health, HealthErrorTest, ::testing::ValuesIn(kCases), test::case_name);

}  // namespace
}  // namespace drover::config
