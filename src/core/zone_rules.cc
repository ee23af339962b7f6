#include "core/zone_rules.h"

#include <algorithm>

namespace drover::core {

ZoneRules::Period ZoneRules::period_at(Instant t) const {
  // The first change after t; the one before it (if any) opened t's period.
  auto next = std::upper_bound(changes.begin(), changes.end(), t,
                               [](Instant value, const Change& c) { return value < c.at; });
  Period period;
  period.offset = next == changes.begin() ? initial_offset : std::prev(next)->offset;
  period.previous_offset = period.offset;
  period.next_offset = period.offset;
  if (next != changes.begin()) {
    auto current = std::prev(next);
    period.start = current->at;
    period.previous_offset =
        current == changes.begin() ? initial_offset : std::prev(current)->offset;
  }
  if (next != changes.end()) {
    period.end = next->at;
    period.next_offset = next->offset;
  }
  return period;
}

Instant ZoneRules::local_time(Instant t) const { return t + period_at(t).offset; }

}  // namespace drover::core
