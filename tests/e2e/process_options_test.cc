// Per-service process options through the real binary: user and group from
// /etc/passwd and /etc/group, working directory, umask, environment and
// env_file, shell commands.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace drover::e2e {
namespace {

// The line a oneshot printed, from the unified stream ("name | line").
bool printed(DroverInstance& drover, const std::string& text) {
  return wait_until([&] { return drover.stdout_text().find(text) != std::string::npos; });
}

TEST(ProcessOptionsTest, UserAndGroupAreResolvedFromTheSystemFiles) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "switching users needs root";
  }
  DroverInstance drover;
  drover.write_config(R"(services:
  as-nobody:
    type: oneshot
    command: @TESTSVC@ --id --env HOME --env USER --exit 0
    user: nobody
  as-group:
    type: oneshot
    command: @TESTSVC@ --id --exit 0
    group: daemon
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("as-nobody", "EXITED"));
  ASSERT_TRUE(drover.wait_state("as-group", "EXITED"));
  EXPECT_TRUE(printed(drover, "as-nobody | uid=65534 gid=65534")) << drover.stdout_text();
  EXPECT_TRUE(printed(drover, "as-nobody | HOME=/nonexistent")) << drover.stdout_text();
  EXPECT_TRUE(printed(drover, "as-nobody | USER=nobody")) << drover.stdout_text();
  EXPECT_TRUE(printed(drover, "as-group  | uid=0 gid=1")) << drover.stdout_text();
}

TEST(ProcessOptionsTest, UnknownUserIsASpawnFailureNamingIt) {
  DroverInstance drover;
  drover.write_config(R"(services:
  ghost:
    command: @TESTSVC@
    user: no-such-user-here
    start_retries: 0
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("ghost", "FATAL"));
  std::string description(drover.service("ghost").at("description").as_string());
  EXPECT_NE(description.find("user \"no-such-user-here\" not found in /etc/passwd"),
            std::string::npos)
      << description;
}

TEST(ProcessOptionsTest, WorkingDirUmaskAndEnvironmentReachTheProcess) {
  DroverInstance drover;
  std::ofstream(drover.path("app.env")) << "# comment\nFROM_FILE=file\nBOTH=from-file\n";
  drover.write_config(R"(services:
  probe:
    type: oneshot
    command: @TESTSVC@ --pwd --umask --env FROM_FILE --env BOTH --env GREETING --exit 0
    working_dir: /tmp
    umask: "027"
    env_file: app.env
    env:
      BOTH: from-env
      GREETING: ${DROVER_TEST_GREETING:-hello}
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("probe", "EXITED"));
  EXPECT_TRUE(printed(drover, "probe | /tmp\n"));
  EXPECT_TRUE(printed(drover, "probe | umask=027"));
  EXPECT_TRUE(printed(drover, "probe | FROM_FILE=file"));
  EXPECT_TRUE(printed(drover, "probe | BOTH=from-env"));
  EXPECT_TRUE(printed(drover, "probe | GREETING=hello")) << drover.stdout_text();
}

TEST(ProcessOptionsTest, ShellTrueRunsTheCommandThroughSh) {
  DroverInstance drover;
  drover.write_config(R"(services:
  piped:
    type: oneshot
    shell: true
    command: echo one two | tr a-z A-Z
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("piped", "EXITED"));
  EXPECT_TRUE(printed(drover, "piped | ONE TWO"));
}

TEST(ProcessOptionsTest, BinaryAndArgsAreTheHybridSpellingOfCommand) {
  DroverInstance drover;
  drover.write_config(R"(services:
  hybrid:
    type: oneshot
    binary: @TESTSVC@
    args: ["--say", "two words", "--exit", "0"]
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("hybrid", "EXITED"));
  EXPECT_TRUE(printed(drover, "hybrid | two words"));
}

}  // namespace
}  // namespace drover::e2e
