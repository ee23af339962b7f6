#pragma once

#include "core/cron_expression.h"
#include "core/zone_rules.h"

#include <optional>

namespace drover::core {

// When a schedule runs next: the first instant strictly after `after` at
// which `cron` is due in `zone`. Pure: the caller passes the time in (the
// supervisor passes "now", or the due time of the run it just started, and
// arms one timer for the answer). Empty when the schedule never runs again
// within 400 years of `after` (which parse_cron's checks make unreachable
// for a valid Gregorian schedule).
//
// Daylight saving time follows Vixie cron and cronie (docs/decisions/0010):
// - A wildcard job (minute or hour field starts with '*', including "*/n"
//   and @hourly) follows elapsed time: wall-clock minutes skipped by a
//   spring-forward gap do not run; minutes repeated by a fall-back overlap
//   run twice, once per real occurrence.
// - A fixed-time job (every other 5-field schedule) follows the wall clock:
//   if its time falls in a gap it runs once at the end of the gap (the
//   instant of the change); in an overlap it runs once, at the first
//   occurrence.
// - @every runs `every` after `after`, in elapsed time; the zone is unused.
std::optional<Instant> next_run(const CronExpression& cron, Instant after, const ZoneRules& zone);

// The first wall-clock minute at or after `from` (local time, encoded as in
// ZoneRules::local_time) that the five fields match, searching at most 400
// years ahead. Ignores time zones; next_run() builds on it.
std::optional<Instant> next_wall_match(const CronExpression& cron, Instant from);

}  // namespace drover::core
