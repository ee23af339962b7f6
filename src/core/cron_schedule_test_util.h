#pragma once

// Helpers for the next-run tests: instants written as calendar dates, and
// real zones' transitions written out as data (from the IANA tz database).
#include "core/cron_expression.h"
#include "core/cron_schedule.h"
#include "core/zone_rules.h"

#include <gtest/gtest.h>

#include <string>

namespace drover::core::test {

using std::chrono::hours;
using std::chrono::minutes;

// A UTC instant (or, for wall times, a local one) from its calendar fields.
inline Instant utc(int y, unsigned mo, unsigned d, int h = 0, int mi = 0, int s = 0) {
  std::chrono::sys_days day{std::chrono::year(y) / std::chrono::month(mo) / std::chrono::day(d)};
  return Instant(day) + hours(h) + minutes(mi) + std::chrono::seconds(s);
}

inline CronExpression cron(const std::string& text) {
  Result<CronExpression> parsed = parse_cron(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed ? *parsed : CronExpression{};
}

// Europe/Berlin in 2026-2027: CET (+1) and CEST (+2), switching at 01:00 UTC
// on the last Sunday of March and of October.
inline ZoneRules berlin() {
  ZoneRules zone;
  zone.name = "Europe/Berlin";
  zone.initial_offset = hours(1);
  zone.changes = {{utc(2026, 3, 29, 1), hours(2)},
                  {utc(2026, 10, 25, 1), hours(1)},
                  {utc(2027, 3, 28, 1), hours(2)},
                  {utc(2027, 10, 31, 1), hours(1)}};
  return zone;
}

// America/New_York in 2026: EST (-5) and EDT (-4), switching at 02:00 local
// on the second Sunday of March and the first Sunday of November.
inline ZoneRules new_york() {
  ZoneRules zone;
  zone.name = "America/New_York";
  zone.initial_offset = hours(-5);
  zone.changes = {{utc(2026, 3, 8, 7), hours(-4)}, {utc(2026, 11, 1, 6), hours(-5)}};
  return zone;
}

}  // namespace drover::core::test
