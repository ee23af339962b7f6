// The POSIX TZ grammar (POSIX.1-2017 section 8.3, as RFC 8536 extends it):
//   std offset [dst [offset] [,start[/time],end[/time]]]
// Names are letters, or anything between < and >; offsets and times are
// [+-]hh[:mm[:ss]].
#include "tz/posix_tz.h"

#include <utility>

namespace drover::tz {
namespace {

using std::chrono::seconds;

class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  bool done() const { return pos_ == text_.size(); }
  bool take(char c) {
    if (!done() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool name() {
    if (take('<')) {
      size_t close = text_.find('>', pos_);
      pos_ = close == std::string_view::npos ? text_.size() : close + 1;
      return close != std::string_view::npos;
    }
    size_t start = pos_;
    while (!done() && ((text_[pos_] >= 'A' && text_[pos_] <= 'Z') ||
                       (text_[pos_] >= 'a' && text_[pos_] <= 'z'))) {
      ++pos_;
    }
    return pos_ - start >= 3;
  }
  std::optional<int> number(int max) {
    int value = 0;
    size_t start = pos_;
    while (!done() && text_[pos_] >= '0' && text_[pos_] <= '9' && pos_ - start < 3) {
      value = value * 10 + (text_[pos_++] - '0');
    }
    return pos_ == start || value > max ? std::nullopt : std::optional<int>(value);
  }
  // [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 allows that in rule times).
  std::optional<seconds> clock() {
    bool negative = take('-');
    if (!negative) {
      take('+');
    }
    std::optional<int> hours = number(167);
    if (!hours) {
      return std::nullopt;
    }
    int total = *hours * 3600;
    for (int unit : {60, 1}) {
      if (!take(':')) {
        break;
      }
      std::optional<int> part = number(59);
      if (!part) {
        return std::nullopt;
      }
      total += *part * unit;
    }
    return seconds(negative ? -total : total);
  }
  std::optional<PosixTz::Date> date() {
    PosixTz::Date date;
    std::optional<int> month, week, weekday;
    if (!take('M') || !(month = number(12)) || !take('.') || !(week = number(5)) || !take('.') ||
        !(weekday = number(6)) || *month < 1 || *week < 1) {
      return std::nullopt;
    }
    date.month = static_cast<unsigned>(*month);
    date.week = static_cast<unsigned>(*week);
    date.weekday = static_cast<unsigned>(*weekday);
    if (take('/')) {
      std::optional<seconds> time = clock();
      if (!time) {
        return std::nullopt;
      }
      date.time = *time;
    }
    return date;
  }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

// The local midnight of the rule's day in `year`, as days since 1970.
std::chrono::sys_days day_of(const PosixTz::Date& date, int year) {
  using namespace std::chrono;
  year_month ym = std::chrono::year(year) / month(date.month);
  weekday wanted(date.weekday);
  if (date.week == 5) {
    sys_days last = sys_days(ym / std::chrono::last);
    return last - (weekday(last) - wanted);
  }
  sys_days first = sys_days(ym / 1);
  return first + (wanted - weekday(first)) + weeks(date.week - 1);
}

}  // namespace

std::optional<PosixTz> parse_posix_tz(std::string_view text) {
  Scanner in(text);
  PosixTz tz;
  std::optional<seconds> standard;
  if (!in.name() || !(standard = in.clock())) {
    return std::nullopt;
  }
  tz.standard = -*standard;
  if (in.done()) {
    return tz;
  }
  if (!in.name()) {
    return std::nullopt;
  }
  tz.daylight = tz.standard + std::chrono::hours(1);
  if (!in.done() && !in.take(',')) {
    std::optional<seconds> daylight = in.clock();
    if (!daylight || !in.take(',')) {
      return std::nullopt;
    }
    tz.daylight = -*daylight;
  } else if (in.done()) {
    return std::nullopt;  // Daylight time without rules: POSIX leaves it to the system.
  }
  std::optional<PosixTz::Date> start = in.date();
  if (!start || !in.take(',')) {
    return std::nullopt;
  }
  std::optional<PosixTz::Date> end = in.date();
  if (!end || !in.done()) {
    return std::nullopt;
  }
  tz.start = *start;
  tz.end = *end;
  return tz;
}

void extend_with_rule(core::ZoneRules& zone, const PosixTz& rule, int last_year) {
  if (!rule.daylight) {
    return;  // A fixed offset: nothing changes after the last transition.
  }
  core::Instant after = zone.changes.empty() ? core::Instant::min() : zone.changes.back().at;
  int first_year =
      zone.changes.empty()
          ? 1970
          : static_cast<int>(
                std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(after)).year());
  std::chrono::seconds current =
      zone.changes.empty() ? zone.initial_offset : zone.changes.back().offset;
  for (int year = first_year; year <= last_year; ++year) {
    core::ZoneRules::Change to_daylight{
        core::Instant(day_of(rule.start, year)) + rule.start.time - rule.standard, *rule.daylight};
    core::ZoneRules::Change to_standard{
        core::Instant(day_of(rule.end, year)) + rule.end.time - *rule.daylight, rule.standard};
    // Southern-hemisphere rules end daylight time before they start it.
    if (to_standard.at < to_daylight.at) {
      std::swap(to_daylight, to_standard);
    }
    for (const core::ZoneRules::Change& change : {to_daylight, to_standard}) {
      if (change.at > after && change.offset != current) {
        zone.changes.push_back(change);
        current = change.offset;
        after = change.at;
      }
    }
  }
}

}  // namespace drover::tz
