// A service writing as fast as it can must not starve the others or the
// control API (issue #4, point 6). The figures are in bench/; this test only
// catches starvation, with deadlines far above the targets.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <iostream>

namespace drover::e2e {
namespace {

using Clock = std::chrono::steady_clock;

TEST(FairnessTest, FloodingServiceDoesNotStarveStatusOrOtherServices) {
  DroverInstance drover;
  drover.write_config(R"(services:
  flood:
    command: @TESTSVC@ --flood 0
    start_period: 0
    log:
      console: false
  other:
    type: oneshot
    command: @TESTSVC@ --say still-heard --exit 0
    autostart: false
)");
  ASSERT_TRUE(drover.start());
  ASSERT_TRUE(drover.wait_state("flood", "RUNNING"));
  // Let the flood fill the pipe and keep drover busy.
  ASSERT_TRUE(wait_until([&] {
    CommandResult logs = drover.cli({"logs", "flood", "-n", "1"});
    return logs.out.size() >= 100;
  }));
  Clock::duration slowest{};
  for (int i = 0; i < 5; ++i) {
    auto before = Clock::now();
    CommandResult status = drover.cli({"status"});
    slowest = std::max(slowest, Clock::now() - before);
    EXPECT_EQ(status.exit_code, 0);
  }
  std::cout << "slowest status while flooding: "
            << std::chrono::duration_cast<std::chrono::milliseconds>(slowest).count() << " ms\n";
  EXPECT_LT(slowest, std::chrono::seconds(1)) << "status starved by a flooding service";
  CommandResult start = drover.cli({"start", "other"});
  EXPECT_EQ(start.exit_code, 0);
  EXPECT_TRUE(wait_until(
      [&] { return drover.stdout_text().find("other | still-heard") != std::string::npos; },
      std::chrono::seconds(5)));
}

}  // namespace
}  // namespace drover::e2e
