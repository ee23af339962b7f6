// The pure rotation arithmetic: where writes are cut and what is renamed.
#include "log/rotating_file.h"

#include <gtest/gtest.h>

namespace drover::log {
namespace {

TEST(PlanWriteTest, ZeroMaxSizeNeverRotates) {
  EXPECT_EQ(plan_write("a\nb\n", 1'000'000, 0), (WritePlan{false, 4}));
}

TEST(PlanWriteTest, FitsWhenTheFileStaysAtOrBelowMaxSize) {
  EXPECT_EQ(plan_write("abc\n", 6, 10), (WritePlan{false, 4}));  // Exactly 10.
  EXPECT_EQ(plan_write("abc\n", 0, 4), (WritePlan{false, 4}));
}

TEST(PlanWriteTest, OneByteOverRotatesFirst) {
  EXPECT_EQ(plan_write("abcd\n", 6, 10), (WritePlan{true, 5}));
}

TEST(PlanWriteTest, CutsABatchBetweenLines) {
  // 4 bytes of room: "ab\n" fits, "cd\n" goes after a rotation.
  EXPECT_EQ(plan_write("ab\ncd\n", 6, 10), (WritePlan{false, 3}));
  EXPECT_EQ(plan_write("cd\n", 9, 10), (WritePlan{true, 3}));
  // After the rotation, as many whole lines as max_size holds.
  EXPECT_EQ(plan_write("ab\ncd\nef\n", 0, 7), (WritePlan{false, 6}));
}

TEST(PlanWriteTest, ALineLongerThanMaxSizeGetsAFileOfItsOwn) {
  EXPECT_EQ(plan_write("0123456789abc\nx\n", 0, 10), (WritePlan{false, 14}));
  EXPECT_EQ(plan_write("0123456789abc\nx\n", 3, 10), (WritePlan{true, 14}));
}

TEST(PlanWriteTest, AFullOrOverfullFileRotates) {
  EXPECT_EQ(plan_write("a\n", 10, 10), (WritePlan{true, 2}));
  EXPECT_EQ(plan_write("a\n", 50, 10), (WritePlan{true, 2}));
}

TEST(RotationRenamesTest, ShiftsBackupsFromTheOldest) {
  EXPECT_EQ(rotation_renames("/l/web.log", 3),
            (std::vector<Rename>{{"/l/web.log.2", "/l/web.log.3"},
                                 {"/l/web.log.1", "/l/web.log.2"},
                                 {"/l/web.log", "/l/web.log.1"}}));
  EXPECT_EQ(rotation_renames("w", 1), (std::vector<Rename>{{"w", "w.1"}}));
  EXPECT_EQ(rotation_renames("w", 0), std::vector<Rename>{});
}

}  // namespace
}  // namespace drover::log
