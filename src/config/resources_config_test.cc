// `resources:`: the valid forms and every invalid one, with the exact line.
#include "config/config_test_util.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

using test::error_lines;
using test::ErrorCase;
using test::load;

#define WEB "services:\n  web:\n    command: x\n    resources:\n"

TEST(ResourcesConfigTest, EveryKeyIsRead) {
  LoadResult result = load(WEB
                           "      memory: 256MiB\n      memory_swap: 1GiB\n"
                           "      cpus: 0.5\n      pids: 100\n      nofile: 4096\n");
  ASSERT_EQ(error_lines(result), std::vector<std::string>{});
  const core::ResourceSpec& r = result.model->services[0].resources;
  EXPECT_EQ(r.memory, 256u * 1024 * 1024);
  EXPECT_EQ(r.memory_swap, 1024u * 1024 * 1024);
  EXPECT_EQ(r.cpus, 0.5);
  EXPECT_EQ(r.pids, 100u);
  EXPECT_EQ(r.nofile, 4096u);
  EXPECT_TRUE(r.any());
}

TEST(ResourcesConfigTest, AbsentMeansNoLimits) {
  LoadResult result = load("services:\n  web: {command: x}\n");
  ASSERT_TRUE(result.model);
  EXPECT_FALSE(result.model->services[0].resources.any());
  LoadResult whole = load(WEB "      cpus: 2\n");
  ASSERT_EQ(error_lines(whole), std::vector<std::string>{});
  EXPECT_EQ(whole.model->services[0].resources.cpus, 2.0);
  EXPECT_FALSE(whole.model->services[0].resources.memory);
}

class ResourcesErrorTest : public test::ErrorCaseTest {};

TEST_P(ResourcesErrorTest, ReportsExactlyThisLine) { expect_single_error(); }

const ErrorCase kCases[] = {
    {"NotAMap", "services:\n  web:\n    command: x\n    resources: 256M\n",
     R"(drover.yaml:4:16: services.web.resources: expected a map with memory, memory_swap, cpus, pids, nofile, got "256M")"},
    {"UnknownKey", WEB "      memroy: 1GiB\n",
     R"(drover.yaml:5:7: services.web.resources.memroy: unknown key; did you mean "memory"?)"},
    {"MemoryNotASize", WEB "      memory: lots\n",
     R"(drover.yaml:5:15: services.web.resources.memory: invalid size "lots"; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB)"},
    {"MemoryTooSmall", WEB "      memory: 4KiB\n",
     R"(drover.yaml:5:15: services.web.resources.memory: must be at least 1MiB, got "4KiB")"},
    {"SwapBelowMemory", WEB "      memory: 1GiB\n      memory_swap: 512MiB\n",
     R"(drover.yaml:6:20: services.web.resources.memory_swap: is memory plus swap, so it cannot be less than memory)"},
    {"CpusZero", WEB "      cpus: 0\n",
     R"(drover.yaml:5:13: services.web.resources.cpus: expected a number of CPUs more than 0 such as 0.5 or 2, got "0")"},
    {"CpusWord", WEB "      cpus: half\n",
     R"(drover.yaml:5:13: services.web.resources.cpus: expected a number of CPUs more than 0 such as 0.5 or 2, got "half")"},
    {"CpusList", WEB "      cpus: [1]\n",
     R"(drover.yaml:5:13: services.web.resources.cpus: expected a number of CPUs such as 0.5, got a list)"},
    {"PidsZero", WEB "      pids: 0\n",
     R"(drover.yaml:5:13: services.web.resources.pids: must be 1 or more, got 0)"},
    {"NofileWord", WEB "      nofile: many\n",
     R"(drover.yaml:5:15: services.web.resources.nofile: expected an integer, got "many")"},
};

#undef WEB

INSTANTIATE_TEST_SUITE_P(Corpus, ResourcesErrorTest, ::testing::ValuesIn(kCases), test::case_name);

}  // namespace
}  // namespace drover::config
