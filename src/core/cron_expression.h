#pragma once

#include "base/result.h"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace drover::core {

// A parsed `schedule:` value: five cron fields (minute hour day-of-month
// month day-of-week) in the forms Vixie cron and cronie accept, a macro
// (@hourly, @daily, ...) or `@every DURATION`. Each field is a bit set of
// the values it allows; bit i means value i.
struct CronExpression {
  uint64_t minutes = 0;   // Bits 0-59.
  uint32_t hours = 0;     // Bits 0-23.
  uint32_t days = 0;      // Bits 1-31 (day of month).
  uint32_t months = 0;    // Bits 1-12.
  uint32_t weekdays = 0;  // Bits 0-6, 0 = Sunday (a written 7 sets bit 0).

  // Cron's flags, set when the field's text starts with '*' ("*" or "*/n"):
  // - day_star / weekday_star: when neither is set, a day matches if EITHER
  //   the day of month or the weekday matches; otherwise both must.
  // - minute_star / hour_star: a "wildcard job" for the daylight saving time
  //   rules of cron_schedule.h (it follows elapsed time; a fixed-time job
  //   follows the wall clock).
  bool minute_star = false;
  bool hour_star = false;
  bool day_star = false;
  bool weekday_star = false;

  // For `@every DURATION`: runs every `every`, in elapsed time; the fields
  // above are unused. Zero for every other form.
  std::chrono::seconds every{0};

  bool is_interval() const { return every.count() > 0; }
  // A wildcard job in cron's sense (minute or hour field starts with '*').
  bool is_wildcard() const { return minute_star || hour_star; }

  bool operator==(const CronExpression&) const = default;
};

// Parses a schedule. Errors are InvalidArgument values whose message names
// the field and the token, without a location, so that the config reader
// can prefix file:line:col: "minute field: 61 is out of range 0-59".
// A schedule that can never match (day 30 of February) is rejected too.
Result<CronExpression> parse_cron(std::string_view text);

}  // namespace drover::core
