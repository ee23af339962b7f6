// Invalid container configs (issue #7): each runtime's own keys, the
// container values. Each case asserts the exact line.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::ErrorCase;

class ContainerErrorTest : public test::ErrorCaseTest {};

TEST_P(ContainerErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"UnknownRuntime", "services:\n  web:\n    runtime: docker\n    image: nginx\n",
     R"(drover.yaml:3:14: services.web.runtime: unknown value "docker"; expected process, container or remote)"},
    {"ImageOnAProcess", "services:\n  web:\n    command: x\n    image: nginx\n",
     R"(drover.yaml:4:5: services.web.image: only for containers; add runtime: container (and image) to use it)"},
    {"PortsOnAProcess", "services:\n  web:\n    command: x\n    ports: ['80:80']\n",
     R"(drover.yaml:4:5: services.web.ports: only for containers; add runtime: container (and image) to use it)"},
    {"ShellOnAContainer",
     "services:\n  web:\n    runtime: container\n    image: nginx\n    shell: true\n",
     R"(drover.yaml:5:5: services.web.shell: not available with runtime: container (it applies to processes only))"},
    {"UmaskOnAContainer",
     "services:\n  web:\n    runtime: container\n    image: nginx\n    umask: '022'\n",
     R"(drover.yaml:5:5: services.web.umask: not available with runtime: container (it applies to processes only))"},
    {"BinaryOnAContainer",
     "services:\n  web:\n    runtime: container\n    image: nginx\n    binary: /bin/x\n",
     R"(drover.yaml:5:5: services.web.binary: not available with runtime: container (it applies to processes only))"},
    {"ContainerWithoutImage", "services:\n  web:\n    runtime: container\n    command: x\n",
     R"(drover.yaml:2:3: services.web: no image; a service with runtime: container needs image)"},
    {"EmptyImage", "services:\n  web:\n    runtime: container\n    image: ''\n",
     R"(drover.yaml:4:12: services.web.image: must not be empty)"},
    {"CommandAndArgs",
     "services:\n  web:\n    runtime: container\n    image: x\n    command: a\n    args: [b]\n",
     R"(drover.yaml:6:5: services.web.args: command and args both replace the image's CMD; use one)"},
    {"PortWithoutHost",
     "services:\n  web:\n    runtime: container\n    image: x\n    ports: ['80']\n",
     R"(drover.yaml:5:13: services.web.ports[0]: invalid port "80"; expected [ip:]host:container[/tcp|udp|sctp], ports 1 to 65535)"},
    {"PortOutOfRange",
     "services:\n  web:\n    runtime: container\n    image: x\n    ports: ['8080:80', "
     "'70000:80']\n",
     R"(drover.yaml:5:24: services.web.ports[1]: invalid port "70000:80"; expected [ip:]host:container[/tcp|udp|sctp], ports 1 to 65535)"},
    {"PortBadProtocol",
     "services:\n  web:\n    runtime: container\n    image: x\n    ports: ['80:80/http']\n",
     R"(drover.yaml:5:13: services.web.ports[0]: invalid port "80:80/http"; expected [ip:]host:container[/tcp|udp|sctp], ports 1 to 65535)"},
    {"PortsNotAList",
     "services:\n  web:\n    runtime: container\n    image: x\n    ports: '80:80'\n",
     R"(drover.yaml:5:12: services.web.ports: expected a list of strings, got "80:80")"},
    {"VolumeWithRelativeTarget",
     "services:\n  web:\n    runtime: container\n    image: x\n    volumes: ['./data:data']\n",
     R"(drover.yaml:5:15: services.web.volumes[0]: invalid volume "./data:data"; expected host-path-or-name:/container/path, optionally :ro or :rw)"},
    {"VolumeWithBadMode",
     "services:\n  web:\n    runtime: container\n    image: x\n    volumes: ['db:/var/db:rx']\n",
     R"(drover.yaml:5:15: services.web.volumes[0]: invalid volume "db:/var/db:rx"; expected host-path-or-name:/container/path, optionally :ro or :rw)"},
    {"UnknownPullPolicy",
     "services:\n  web:\n    runtime: container\n    image: x\n    pull: sometimes\n",
     R"(drover.yaml:5:11: services.web.pull: unknown value "sometimes"; expected missing, never or always)"},
    {"BadMemory", "services:\n  web:\n    runtime: container\n    image: x\n    memory: lots\n",
     R"(drover.yaml:5:13: services.web.memory: invalid size "lots"; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB)"},
    {"BadCpus", "services:\n  web:\n    runtime: container\n    image: x\n    cpus: half\n",
     R"(drover.yaml:5:11: services.web.cpus: invalid cpus "half"; expected a number of CPUs above 0, such as 0.5 or 2)"},
    {"ZeroCpus", "services:\n  web:\n    runtime: container\n    image: x\n    cpus: 0.0\n",
     R"(drover.yaml:5:11: services.web.cpus: invalid cpus "0.0"; expected a number of CPUs above 0, such as 0.5 or 2)"},
    {"ReservedLabel",
     "services:\n  web:\n    runtime: container\n    image: x\n    labels: {drover.service: y}\n",
     R"(drover.yaml:5:14: services.web.labels.drover.service: labels starting with "drover." are drover's own)"},
    {"LabelsNotAMap", "services:\n  web:\n    runtime: container\n    image: x\n    labels: [a]\n",
     R"(drover.yaml:5:13: services.web.labels: expected a map of label: value, got a list)"},
};

INSTANTIATE_TEST_SUITE_P(Container, ContainerErrorTest, ::testing::ValuesIn(kCases),
                         test::case_name);

}  // namespace
}  // namespace drover::config
