// Resource limits through the real binary.
#include "harness/drover_instance.h"

#include <gtest/gtest.h>

#include <sys/resource.h>

namespace drover::e2e {
namespace {

// drover holds two pipes per service, so with the common soft limit it could
// not run many services; it raises its own limit and gives services the one
// it was started with.
TEST(LimitsTest, ManyServicesRunUnderALowOpenFilesLimitWhichServicesKeep) {
  rlimit original{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &original), 0);
  if (original.rlim_max < 1024) {
    GTEST_SKIP() << "hard open-files limit too low for this test";
  }
  std::string yaml =
      "services:\n  report:\n    type: oneshot\n    shell: true\n"
      "    command: echo limit=$(ulimit -n)\n";
  for (int i = 0; i < 150; ++i) {
    yaml += "  s" + std::to_string(i) + ":\n    command: @TESTSVC@\n    start_period: 0\n";
  }
  DroverInstance drover;
  drover.write_config(yaml);
  rlimit low = original;
  low.rlim_cur = 200;  // 150 services need about 300 descriptors in drover.
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
  bool started = drover.start();
  ::setrlimit(RLIMIT_NOFILE, &original);
  ASSERT_TRUE(started);
  EXPECT_TRUE(wait_until(
      [&] {
        boost::json::value all = drover.services_json();
        if (!all.is_object()) {
          return false;
        }
        int running = 0;
        for (const auto& entry : all.as_object().at("services").as_array()) {
          running += entry.as_object().at("state").as_string() == "RUNNING" ? 1 : 0;
        }
        return running == 150;
      },
      std::chrono::seconds(20)));
  EXPECT_TRUE(wait_until([&] {
    return drover.stdout_text().find("report | limit=200\n") != std::string::npos;
  })) << drover.stdout_text();
}

}  // namespace
}  // namespace drover::e2e
