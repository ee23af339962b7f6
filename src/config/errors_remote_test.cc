// Invalid remote configs (issue #8): the remote keys, hosts: and settings.ssh.
// Each case asserts the exact line.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;

class RemoteErrorTest : public test::ErrorCaseTest {};

TEST_P(RemoteErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"RemoteWithoutHost", "services:\n  api:\n    runtime: remote\n    command: x\n",
     R"(drover.yaml:2:3: services.api: no host; a service with runtime: remote needs host ([user@]host[:port] or a name from hosts:))"},
    {"HostOnAProcess", "services:\n  api:\n    command: x\n    host: box\n",
     R"(drover.yaml:4:5: services.api.host: only for remote services; add runtime: remote to use it)"},
    {"SshOnAContainer", "services:\n  api:\n    runtime: container\n    image: x\n    ssh: {}\n",
     R"(drover.yaml:5:5: services.api.ssh: only for remote services; add runtime: remote to use it)"},
    {"ImageOnRemote",
     "services:\n  api:\n    runtime: remote\n    host: h\n    command: x\n    image: y\n",
     R"(drover.yaml:6:5: services.api.image: not available with runtime: remote (the command runs as the ssh user, without drover's fds or cgroups))"},
    {"UserOnRemote",
     "services:\n  api:\n    runtime: remote\n    host: h\n    command: x\n    user: y\n",
     R"(drover.yaml:6:5: services.api.user: not available with runtime: remote (the command runs as the ssh user, without drover's fds or cgroups))"},
    {"ReadyOnRemote",
     "services:\n  api:\n    runtime: remote\n    host: h\n    command: x\n    ready: notify\n",
     R"(drover.yaml:6:5: services.api.ready: not available with runtime: remote (the command runs as the ssh user, without drover's fds or cgroups))"},
    {"BadPort",
     "services:\n  api:\n    runtime: remote\n    host: 'me@box:99999'\n    command: x\n",
     R"(drover.yaml:4:11: services.api.host: invalid host "me@box:99999"; expected [user@]host[:port] or a name from hosts:)"},
    {"HostWithSpace", "services:\n  api:\n    runtime: remote\n    host: 'a b'\n    command: x\n",
     R"(drover.yaml:4:11: services.api.host: invalid host "a b"; expected [user@]host[:port] or a name from hosts:)"},
    {"OptionLikeHost",
     "services:\n  api:\n    runtime: remote\n    host: '-oProxyCommand=x'\n    command: x\n",
     R"(drover.yaml:4:11: services.api.host: invalid host "-oProxyCommand=x"; expected [user@]host[:port] or a name from hosts:)"},
    {"BadOnDisconnect",
     "services:\n  api:\n    runtime: remote\n    host: h\n    command: x\n    on_disconnect: "
     "wait\n",
     R"(drover.yaml:6:20: services.api.on_disconnect: unknown value "wait"; expected adopt or restart)"},
    {"UnknownSshKey",
     "services:\n  api:\n    runtime: remote\n    host: h\n    command: x\n    ssh: {port: 22}\n",
     R"(drover.yaml:6:11: services.api.ssh.port: unknown key; expected identity_file, known_hosts, strict_host_key_checking or connect_timeout)"},
    {"StrictNotBool",
     "settings:\n  ssh:\n    strict_host_key_checking: maybe\nservices:\n  a:\n    command: x\n",
     R"(drover.yaml:3:31: settings.ssh.strict_host_key_checking: expected true or false, got "maybe")"},
    {"HostWithoutAddress", "hosts:\n  box: {known_hosts: k}\nservices:\n  a:\n    command: x\n",
     R"(drover.yaml:2:3: hosts.box: no address ([user@]host[:port]))"},
    {"HostBadAddress", "hosts:\n  box: {address: 'a@'}\nservices:\n  a:\n    command: x\n",
     R"(drover.yaml:2:18: hosts.box.address: invalid address "a@"; expected [user@]host[:port])"},
    {"HostUnknownKey", "hosts:\n  box: {address: b, user: x}\nservices:\n  a:\n    command: x\n",
     R"(drover.yaml:2:21: hosts.box.user: unknown key)"},
    {"FromOnExec",
     "services:\n  api:\n    runtime: remote\n    host: h\n    command: x\n"
     "    health: {exec: 'true', from: remote}\n",
     R"(drover.yaml:6:28: services.api.health.from: from applies to http and tcp probes (exec runs where the service runs))"},
    {"FromRemoteOnAProcess",
     "services:\n  api:\n    command: x\n    health: {tcp: '127.0.0.1:80', from: remote}\n",
     R"(drover.yaml:4:35: services.api.health.from: from: remote needs runtime: remote)"},
};

INSTANTIATE_TEST_SUITE_P(Remote, RemoteErrorTest, ::testing::ValuesIn(kCases), test::case_name);

}  // namespace
}  // namespace drover::config
