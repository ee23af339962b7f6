// Next-run arithmetic. Time is cut into periods of one UTC offset
// (ZoneRules::period_at); inside a period wall time and UTC move together,
// so the next wall-clock match converts by subtracting the offset. The DST
// rules only act at the two edges of a period: the gap after it (offset goes
// up) and the overlap at its start (offset went down).
#include "core/cron_schedule.h"

namespace drover::core {
namespace {

using std::chrono::days;
using std::chrono::minutes;
using std::chrono::seconds;

bool has_bit(uint64_t bits, unsigned value) { return (bits >> value & 1) != 0; }

bool day_matches(const CronExpression& cron, const std::chrono::year_month_day& date) {
  bool day = has_bit(cron.days, static_cast<unsigned>(date.day()));
  bool weekday =
      has_bit(cron.weekdays, std::chrono::weekday(std::chrono::sys_days(date)).c_encoding());
  // Cron's rule: with both day fields restricted, either one may match.
  if (cron.day_star || cron.weekday_star) {
    return day && weekday;
  }
  return day || weekday;
}

// The first matching minute of the day at or after `from_minute`, if any.
std::optional<minutes> first_time_in_day(const CronExpression& cron, int from_minute) {
  for (int hour = from_minute / 60; hour < 24; ++hour) {
    if (!has_bit(cron.hours, static_cast<unsigned>(hour))) {
      continue;
    }
    int minute = hour == from_minute / 60 ? from_minute % 60 : 0;
    for (; minute < 60; ++minute) {
      if (has_bit(cron.minutes, static_cast<unsigned>(minute))) {
        return minutes(hour * 60 + minute);
      }
    }
  }
  return std::nullopt;
}

Instant ceil_to_minute(Instant t) {
  Instant floor = std::chrono::floor<minutes>(t);
  return floor == t ? t : floor + minutes(1);
}

}  // namespace

std::optional<Instant> next_wall_match(const CronExpression& cron, Instant from) {
  from = ceil_to_minute(from);
  std::chrono::sys_days day = std::chrono::floor<days>(from);
  int from_minute = static_cast<int>(std::chrono::duration_cast<minutes>(from - day).count());
  std::chrono::year last_year = std::chrono::year_month_day(day).year() + std::chrono::years(400);
  while (true) {
    std::chrono::year_month_day date(day);
    if (date.year() > last_year) {
      return std::nullopt;
    }
    if (!has_bit(cron.months, static_cast<unsigned>(date.month()))) {
      // Skip the rest of the month: sparse schedules stay fast.
      day = std::chrono::sys_days(date.year() / date.month() / 1 + std::chrono::months(1));
      from_minute = 0;
      continue;
    }
    if (day_matches(cron, date)) {
      if (std::optional<minutes> time = first_time_in_day(cron, from_minute)) {
        return day + *time;
      }
    }
    day += days(1);
    from_minute = 0;
  }
}

std::optional<Instant> next_run(const CronExpression& cron, Instant after, const ZoneRules& zone) {
  if (cron.is_interval()) {
    return after + cron.every;
  }
  const bool fixed_time = !cron.is_wildcard();
  ZoneRules::Period period = zone.period_at(after);
  Instant from = after + period.offset + seconds(1);  // Strictly after.
  // The first wall match at or after `searched_from`: still the answer for
  // a later `from` as long as it is not before it (sparse schedules search once).
  std::optional<Instant> match;
  std::optional<Instant> searched_from;
  while (true) {
    if (!searched_from || from < *searched_from || (match && *match < from)) {
      match = next_wall_match(cron, from);
      searched_from = from;
    }
    if (!match) {
      return std::nullopt;
    }
    std::optional<Instant> period_end_wall;
    if (period.end) {
      period_end_wall = *period.end + period.offset;
    }
    if (!period_end_wall || *match < *period_end_wall) {
      // Inside this period. A fall-back overlap repeats the wall times just
      // after the period starts; a fixed-time job ran at the first of them.
      bool repeated = period.start && period.previous_offset > period.offset &&
                      *match < *period.start + period.previous_offset;
      if (fixed_time && repeated) {
        from = *match + minutes(1);
        continue;
      }
      return *match - period.offset;
    }
    // Past this period. A spring-forward gap skips the wall times
    // [end + offset, end + next_offset); a fixed-time job due in it runs
    // once, at the end of the gap.
    Instant end = *period.end;
    if (fixed_time && period.next_offset > period.offset && *match < end + period.next_offset) {
      return end;
    }
    period = zone.period_at(end);
    from = end + period.offset;
  }
}

}  // namespace drover::core
