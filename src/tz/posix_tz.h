#pragma once

#include "core/zone_rules.h"

#include <optional>
#include <string_view>

namespace drover::tz {

// The rule in a TZif footer (RFC 8536 section 3.3): a POSIX TZ string such
// as "CET-1CEST,M3.5.0,M10.5.0/3", which says how the offset changes in
// the years after the file's last listed transition.
struct PosixTz {
  std::chrono::seconds standard{0};  // UTC offset, east positive (POSIX writes it west positive).
  std::optional<std::chrono::seconds> daylight;  // Unset: no daylight saving time.
  // Mm.w.d rules: month 1-12, week 1-5 (5 = last), weekday 0-6 (Sunday
  // 0), and the local time of the change (may be negative or over 24h).
  struct Date {
    unsigned month = 0, week = 0, weekday = 0;
    std::chrono::seconds time{7200};
  };
  Date start;  // Standard -> daylight, in standard local time.
  Date end;    // Daylight -> standard, in daylight local time.
};

// Parses the forms current tzdata uses. Julian-day rules ("Jn", "n") and
// a daylight name without rules are not supported: nullopt, and the caller
// keeps the last listed offset.
std::optional<PosixTz> parse_posix_tz(std::string_view text);

// Appends the changes `rule` makes after `zone`'s last one, up to the end
// of `last_year`.
void extend_with_rule(core::ZoneRules& zone, const PosixTz& rule, int last_year);

}  // namespace drover::tz
