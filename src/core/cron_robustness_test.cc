// parse_cron and next_run on many generated inputs: no crash (ASan/UBSan
// build), every accepted schedule has a next run strictly later, and the
// answer really matches the fields. A cheap stand-in for a fuzzer.
#include "core/cron_schedule_test_util.h"

#include <cstdint>
#include <string>

namespace drover::core {
namespace {

// A fixed linear congruential generator: the same inputs on every run.
class Lcg {
 public:
  uint32_t next() {
    state_ = state_ * 6364136223846793005u + 1442695040888963407u;
    return static_cast<uint32_t>(state_ >> 33);
  }
  size_t below(size_t n) { return next() % n; }

 private:
  uint64_t state_ = 42;
};

// Elements of the cron grammar for field `f` (0 minute .. 4 weekday), with
// values mostly in range and now and then not, so that both answers of the
// parser are exercised.
std::string random_element(Lcg& rng, int f) {
  static const int kMin[] = {0, 0, 1, 1, 0};
  static const int kMax[] = {59, 23, 31, 12, 7};
  auto value = [&] {
    if (rng.below(40) == 0) {
      return std::string(rng.below(2) == 0 ? "x" : "99");
    }
    return std::to_string(kMin[f] + static_cast<int>(rng.below(kMax[f] - kMin[f] + 1)));
  };
  switch (rng.below(5)) {
    case 0:
      return "*";
    case 1:
      return "*/" + std::to_string(1 + rng.below(15));
    case 2: {
      std::string low = value();
      return low + "-" + std::to_string(kMax[f]);
    }
    case 3:
      return value() + "/" + std::to_string(1 + rng.below(10));
    default:
      return value();
  }
}

std::string random_field(Lcg& rng, int f) {
  std::string field = random_element(rng, f);
  for (size_t more = rng.below(3); more > 0; --more) {
    field += "," + random_element(rng, f);
  }
  return field;
}

TEST(CronRobustnessTest, GeneratedSchedulesNeverBreakTheArithmetic) {
  Lcg rng;
  const ZoneRules zones[] = {ZoneRules{}, test::berlin(), test::new_york()};
  int accepted = 0;
  for (int i = 0; i < 4000; ++i) {
    std::string text;
    for (int f = 0; f < 5; ++f) {
      text += random_field(rng, f) + (f < 4 ? " " : "");
    }
    Result<CronExpression> cron = parse_cron(text);
    if (!cron) {
      EXPECT_FALSE(cron.error().message.empty()) << text;
      continue;
    }
    ++accepted;
    Instant after = test::utc(2026, 1 + static_cast<unsigned>(rng.below(12)), 1) +
                    std::chrono::minutes(rng.below(60 * 24 * 28));
    const ZoneRules& zone = zones[rng.below(std::size(zones))];
    std::optional<Instant> run = next_run(*cron, after, zone);
    ASSERT_TRUE(run.has_value()) << text << " after " << after.time_since_epoch().count()
                                 << " zone " << zone.name;
    EXPECT_GT(*run, after) << text;
    std::optional<Instant> wall = next_wall_match(*cron, zone.local_time(*run));
    if (zone.changes.empty()) {
      EXPECT_EQ(wall, zone.local_time(*run)) << text;  // Without DST the run is a match.
    }
  }
  EXPECT_GT(accepted, 1000);  // The generator does reach valid schedules.
}

TEST(CronRobustnessTest, ArbitraryBytesAreErrorsNotCrashes) {
  Lcg rng;
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    size_t length = rng.below(40);
    for (size_t j = 0; j < length; ++j) {
      text += static_cast<char>(rng.below(256));
    }
    Result<CronExpression> cron = parse_cron(text);
    if (cron && !cron->is_interval()) {
      EXPECT_TRUE(next_run(*cron, test::utc(2026, 1, 1), ZoneRules{}).has_value());
    }
  }
}

}  // namespace
}  // namespace drover::core
