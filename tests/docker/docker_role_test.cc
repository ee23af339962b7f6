// One image, many roles (issue 9, point 1): the documented pattern
//   ENV DROVER_CONFIG=/drover.yaml
//   ENTRYPOINT ["/drover", "run"]
//   CMD ["webserver"]
// run with `docker run IMAGE [ROLE]`: the role's oneshots run first, the
// container's exit code is the role's, and drover is PID 1 throughout.
#include "docker_cli.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace drover::docker_test {
namespace {

using std::chrono::seconds;

constexpr const char* kRolesYaml = R"(settings:
  control: /run/drover.sock
services:
  init-db:
    type: oneshot
    command: /testsvc --say init-db-done --touch /log/init-db --exit 0
  webserver:
    command: [sh, -c, 'test -f /log/init-db && echo "webserver under pid $$PPID" && exit 4']
    depends_on: {init-db: completed_successfully}
  broken:
    type: oneshot
    command: /testsvc --say "cannot connect" --exit 3
)";

constexpr const char* kEntrypoint =
    "ENV DROVER_CONFIG=/drover.yaml\n"
    "ENTRYPOINT [\"/drover\", \"run\"]\n"
    "CMD [\"webserver\"]\n";

class DockerRoleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    suite_.build("drover-role-test-" + std::to_string(::getpid()) + ":roles", kRolesYaml,
                 kEntrypoint);
  }
  static void TearDownTestSuite() { suite_.remove(); }
  void SetUp() override { suite_.require(); }

  // `docker run --rm IMAGE args...` to completion.
  e2e::CommandResult run(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"run", "--rm", "--network", "none", suite_.image};
    argv.insert(argv.end(), args.begin(), args.end());
    return suite_.docker->run(argv, seconds(60));
  }

  static inline SuiteImage suite_;
};

TEST_F(DockerRoleTest, TheDefaultRoleRunsItsOneshotFirstAndGivesItsExitCode) {
  e2e::CommandResult result = run({});
  EXPECT_EQ(result.exit_code, 4) << result.out << result.err;
  size_t init = result.out.find("init-db-done");
  size_t web = result.out.find("webserver under pid 1");
  EXPECT_NE(init, std::string::npos) << result.out;
  EXPECT_NE(web, std::string::npos) << result.out;
  EXPECT_LT(init, web) << result.out;
}

TEST_F(DockerRoleTest, AOneshotRoleGivesItsExitCode) {
  e2e::CommandResult ok = run({"init-db"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_NE(ok.out.find("init-db-done"), std::string::npos) << ok.out;
  e2e::CommandResult broken = run({"broken"});
  EXPECT_EQ(broken.exit_code, 3) << broken.out << broken.err;
  EXPECT_NE(broken.out.find("cannot connect"), std::string::npos) << broken.out;
}

TEST_F(DockerRoleTest, RolesListsWhatTheImageCanRun) {
  e2e::CommandResult roles = suite_.docker->run(
      {"run", "--rm", "--network", "none", "--entrypoint", "/drover", suite_.image, "roles"},
      seconds(60));
  EXPECT_EQ(roles.exit_code, 0) << roles.err;
  EXPECT_NE(roles.out.find("webserver  longrun  init-db"), std::string::npos) << roles.out;
}

}  // namespace
}  // namespace drover::docker_test
