#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace drover::core {

// A UTC instant, to the second.
using Instant = std::chrono::sys_seconds;

// A time zone's local-time rules as a value: the UTC offset in effect
// before the first change, and every later change of offset. The tz
// database reader (tz/) fills it from a TZif file; tests write it out by
// hand. Core never reads the tz database itself.
struct ZoneRules {
  struct Change {
    Instant at;                   // From this instant on...
    std::chrono::seconds offset;  // ...local time is UTC + offset.

    bool operator==(const Change&) const = default;
  };

  std::string name;                        // "Europe/Berlin"; "UTC" for the default.
  std::chrono::seconds initial_offset{0};  // Before changes.front().
  std::vector<Change> changes;             // Sorted by `at`, strictly increasing.

  // The stretch of time with one offset that contains `t`: [start, end).
  struct Period {
    std::optional<Instant> start;  // Unset: since forever.
    std::optional<Instant> end;    // Unset: for ever after.
    std::chrono::seconds offset{0};
    std::chrono::seconds previous_offset{0};  // Of the period before; == offset without one.
    std::chrono::seconds next_offset{0};      // Of the period after; == offset without one.
  };
  Period period_at(Instant t) const;

  // Local wall-clock time at `t`, encoded as seconds since 1970-01-01 00:00
  // of that wall clock (so calendar arithmetic can use sys_days).
  Instant local_time(Instant t) const;

  bool operator==(const ZoneRules&) const = default;
};

}  // namespace drover::core
