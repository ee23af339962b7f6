#include "api/log_follow.h"

#include "api/json_codec.h"
#include "api/testing/recording_controller.h"

#include <gtest/gtest.h>

namespace drover::api {
namespace {

using testing::log_line;

std::string ndjson(const core::LogEntry& entry) { return render_log_entry(entry) + "\n"; }

class LogFollowTest : public ::testing::Test {
 protected:
  LogFollowTest() {
    controller_.views = testing::sample_views();
    controller_.ring = {log_line(1, "web", "one"), log_line(2, "database", "two")};
  }

  std::unique_ptr<LogFollow> start(const core::LogQuery& query, size_t limit = 1 << 20) {
    Result<std::unique_ptr<LogFollow>> follow = LogFollow::start(
        controller_, query, [this] { ++wakes_; }, limit);
    EXPECT_TRUE(follow);
    return follow ? std::move(*follow) : nullptr;
  }

  testing::RecordingController controller_;
  int wakes_ = 0;
};

TEST_F(LogFollowTest, HistoryThenLiveLinesInOrder) {
  std::unique_ptr<LogFollow> follow = start({});
  EXPECT_EQ(follow->take(), ndjson(controller_.ring[0]) + ndjson(controller_.ring[1]));
  EXPECT_EQ(follow->take(), "");
  controller_.emit(log_line(3, "web", "three"));
  controller_.emit(log_line(4, "database", "four"));
  EXPECT_EQ(wakes_, 2);
  EXPECT_EQ(follow->take(), ndjson(controller_.ring[2]) + ndjson(controller_.ring[3]));
  EXPECT_FALSE(follow->ended());
}

// A line that arrives while the history is read is in both; it is sent once.
TEST_F(LogFollowTest, NoDuplicateBetweenHistoryAndLive) {
  controller_.on_follow = [this] { controller_.emit(log_line(3, "web", "racing")); };
  std::unique_ptr<LogFollow> follow = start({});
  controller_.emit(log_line(4, "web", "after"));
  EXPECT_EQ(follow->take(), ndjson(controller_.ring[0]) + ndjson(controller_.ring[1]) +
                                ndjson(controller_.ring[2]) + ndjson(controller_.ring[3]));
}

TEST_F(LogFollowTest, LiveQueryAsksForNewLinesOnly) {
  core::LogQuery query;
  query.services = {"web"};
  query.last_lines = 5;
  query.since_ms = 42;
  std::unique_ptr<LogFollow> follow = start(query);
  ASSERT_EQ(controller_.followers.size(), 1u);
  EXPECT_EQ(controller_.followers[0]->query.services, query.services);
  EXPECT_EQ(controller_.followers[0]->query.last_lines, 0u);
  EXPECT_EQ(controller_.followers[0]->query.since_ms, 0);
  EXPECT_TRUE(testing::same_query(controller_.log_queries.at(0), query));
  EXPECT_EQ(follow->take(), ndjson(controller_.ring[0]));
}

TEST_F(LogFollowTest, SlowReaderLosesTheOldestLinesWithAMarker) {
  std::unique_ptr<LogFollow> follow = start({}, ndjson(log_line(10, "web", "x")).size() * 2);
  follow->take();
  for (uint64_t seq = 10; seq < 15; ++seq) {
    controller_.emit(log_line(seq, "web", "x"));
  }
  EXPECT_EQ(follow->take(), render_dropped(3) + "\n" + ndjson(log_line(13, "web", "x")) +
                                ndjson(log_line(14, "web", "x")));
  controller_.emit(log_line(15, "web", "x"));
  EXPECT_EQ(follow->take(), ndjson(log_line(15, "web", "x")));
}

TEST_F(LogFollowTest, EndsWhenTheControllerSaysSo) {
  std::unique_ptr<LogFollow> follow = start({});
  controller_.emit(log_line(3, "web", "last"));
  controller_.end_follows();
  EXPECT_TRUE(follow->ended());
  EXPECT_NE(follow->take().find("last"), std::string::npos);  // Queued lines still go out.
}

TEST_F(LogFollowTest, DestroyingItUnsubscribes) {
  std::unique_ptr<LogFollow> follow = start({});
  EXPECT_EQ(controller_.live_followers(), 1);
  follow.reset();
  EXPECT_EQ(controller_.live_followers(), 0);
}

TEST_F(LogFollowTest, ServerEndUnsubscribes) {
  std::unique_ptr<LogFollow> follow = start({});
  follow->end();
  EXPECT_TRUE(follow->ended());
  EXPECT_EQ(controller_.live_followers(), 0);
}

}  // namespace
}  // namespace drover::api
