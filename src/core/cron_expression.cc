// The cron field grammar, as Vixie cron and cronie read it (crontab(5)):
//   field   = element ("," element)*
//   element = ("*" | value | value "-" value) ["/" step]
// where "value/step" alone means value-max/step (cronie). Names (JAN, mon)
// are allowed wherever a number is, in month and day-of-week fields only.
#include "core/cron_expression.h"

#include "base/did_you_mean.h"
#include "base/duration.h"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace drover::core {
namespace {

struct Field {
  const char* name;
  int min;
  int max;
  std::vector<std::string> names;  // names[i] is value min + i; empty: numbers only.
};

const Field kMinute{"minute", 0, 59, {}};
const Field kHour{"hour", 0, 23, {}};
const Field kDay{"day-of-month", 1, 31, {}};
const Field kMonth{
    "month",
    1,
    12,
    {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}};
// 7 is Sunday too, as in every cron; names stop at SAT.
const Field kWeekday{"day-of-week", 0, 7, {"sun", "mon", "tue", "wed", "thu", "fri", "sat"}};

Error field_error(const Field& field, const std::string& message) {
  return make_error(Errc::InvalidArgument, std::string(field.name) + " field: " + message);
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

Result<int> parse_value(const Field& field, std::string_view token) {
  if (token.empty()) {
    return field_error(field, "missing number");
  }
  bool digits = token.size() <= 9;
  int value = 0;
  for (char c : token) {
    digits = digits && c >= '0' && c <= '9';
    value = digits ? value * 10 + (c - '0') : value;
  }
  if (digits) {
    if (value < field.min || value > field.max) {
      return field_error(field, std::string(token) + " is out of range " +
                                    std::to_string(field.min) + "-" + std::to_string(field.max));
    }
    return value;
  }
  std::string name = lower(token);
  for (size_t i = 0; i < field.names.size(); ++i) {
    if (field.names[i] == name) {
      return field.min + static_cast<int>(i);
    }
  }
  if (field.names.empty()) {
    return field_error(field, quoted(token) + " is not a number");
  }
  return field_error(field, quoted(token) + " is not a number or a name (" + field.names.front() +
                                "-" + field.names.back() + ")" + did_you_mean(name, field.names));
}

// One element ("*", "5", "1-5", "*/15", "10-50/20", "5/10") into `bits`.
Result<void> parse_element(const Field& field, std::string_view element, uint64_t& bits) {
  std::string_view range = element;
  int step = 1;
  if (size_t slash = element.find('/'); slash != std::string_view::npos) {
    range = element.substr(0, slash);
    std::string_view step_text = element.substr(slash + 1);
    Field step_field{field.name, 1, field.max - field.min + 1, {}};
    Result<int> parsed = parse_value(step_field, step_text);
    if (!parsed) {
      return field_error(field, "step " + quoted(step_text) + " in " + quoted(element) +
                                    " must be a number from 1 to " +
                                    std::to_string(step_field.max));
    }
    step = *parsed;
  }
  int low = field.min;
  int high = field.max;  // "5/10" runs from 5 to the maximum (7 for day-of-week).
  if (range == "*") {
    high = field.max == 7 ? 6 : field.max;  // "*" in day-of-week is 0-6: Sunday once.
  } else {
    size_t dash = range.find('-', 1);
    Result<int> first = parse_value(field, range.substr(0, dash));
    if (!first) {
      return first.error();
    }
    low = *first;
    if (dash != std::string_view::npos) {
      Result<int> last = parse_value(field, range.substr(dash + 1));
      if (!last) {
        return last.error();
      }
      high = *last;
      if (high < low) {
        return field_error(
            field, "range " + quoted(range) + " is backwards (cron ranges do not wrap around)");
      }
    } else if (range.size() == element.size()) {
      high = low;  // A plain value.
    }
  }
  for (int value = low; value <= high; value += step) {
    bits |= uint64_t{1} << value;
  }
  return {};
}

Result<uint64_t> parse_field(const Field& field, std::string_view text) {
  uint64_t bits = 0;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    std::string_view element = text.substr(start, comma - start);
    if (element.empty()) {
      return field_error(field, "empty entry in " + quoted(text));
    }
    if (Result<void> ok = parse_element(field, element, bits); !ok) {
      return ok.error();
    }
    if (comma == std::string_view::npos) {
      return bits;
    }
    start = comma + 1;
  }
}

std::vector<std::string_view> split_fields(std::string_view text) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
      continue;
    }
    size_t end = text.find_first_of(" \t", i);
    end = end == std::string_view::npos ? text.size() : end;
    fields.push_back(text.substr(i, end - i));
    i = end;
  }
  return fields;
}

int days_in_month_at_most(int month) {
  constexpr std::array<int, 13> kDays = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return kDays[static_cast<size_t>(month)];
}

// With the AND rule (either day field starts with '*'), some chosen day
// must exist in some chosen month, or the schedule never runs.
Result<void> check_some_day_exists(const CronExpression& cron, std::string_view day_text,
                                   std::string_view month_text) {
  if (!cron.day_star && !cron.weekday_star) {
    return {};  // The OR rule: any chosen weekday is enough.
  }
  for (int month = 1; month <= 12; ++month) {
    for (int day = 1; (cron.months >> month & 1) && day <= days_in_month_at_most(month); ++day) {
      if (cron.days >> day & 1) {
        return {};
      }
    }
  }
  return field_error(kDay, "day " + quoted(day_text) + " never occurs in month " +
                               quoted(month_text) + ", so the schedule would never run");
}

Result<CronExpression> parse_fields(std::string_view text) {
  std::vector<std::string_view> parts = split_fields(text);
  if (parts.size() != 5) {
    return make_error(Errc::InvalidArgument,
                      "expected 5 fields (minute hour day-of-month month day-of-week), got " +
                          std::to_string(parts.size()));
  }
  const Field* fields[] = {&kMinute, &kHour, &kDay, &kMonth, &kWeekday};
  uint64_t bits[5] = {};
  for (size_t i = 0; i < 5; ++i) {
    Result<uint64_t> parsed = parse_field(*fields[i], parts[i]);
    if (!parsed) {
      return parsed.error();
    }
    bits[i] = *parsed;
  }
  CronExpression cron;
  cron.minutes = bits[0];
  cron.hours = static_cast<uint32_t>(bits[1]);
  cron.days = static_cast<uint32_t>(bits[2]);
  cron.months = static_cast<uint32_t>(bits[3]);
  cron.weekdays = static_cast<uint32_t>((bits[4] | bits[4] >> 7) & 0x7f);  // 7 is Sunday.
  cron.minute_star = parts[0][0] == '*';
  cron.hour_star = parts[1][0] == '*';
  cron.day_star = parts[2][0] == '*';
  cron.weekday_star = parts[4][0] == '*';
  if (Result<void> ok = check_some_day_exists(cron, parts[2], parts[3]); !ok) {
    return ok.error();
  }
  return cron;
}

Result<CronExpression> parse_every(std::string_view text) {
  std::string_view value = text.substr(std::string_view("@every").size());
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
    value.remove_prefix(1);
  }
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) {
    value.remove_suffix(1);
  }
  Result<Duration> every = parse_duration(value);
  if (!every) {
    return make_error(Errc::InvalidArgument, "@every: " + every.error().message);
  }
  // At most a year: a longer interval is surely a typo, and it keeps
  // `after + every` far from overflowing.
  constexpr Duration kLongest = std::chrono::hours(24 * 365);
  if (every->count() <= 0 || every->count() % 1000 != 0 || *every > kLongest) {
    return make_error(Errc::InvalidArgument, "@every: " + quoted(value) +
                                                 " must be a whole number of seconds from 1s "
                                                 "to 365d");
  }
  CronExpression cron;
  cron.every = std::chrono::duration_cast<std::chrono::seconds>(*every);
  return cron;
}

// The macros of cronie's crontab(5), as the five fields they stand for.
const std::vector<std::pair<std::string, std::string>> kMacros = {
    {"@yearly", "0 0 1 1 *"}, {"@annually", "0 0 1 1 *"}, {"@monthly", "0 0 1 * *"},
    {"@weekly", "0 0 * * 0"}, {"@daily", "0 0 * * *"},    {"@midnight", "0 0 * * *"},
    {"@hourly", "0 * * * *"},
};

Result<CronExpression> parse_macro(std::string_view text) {
  std::string word = lower(text.substr(0, text.find_first_of(" \t")));
  if (word == "@every") {
    return parse_every(text);
  }
  std::vector<std::string> names = {"@every"};
  for (const auto& [name, fields] : kMacros) {
    if (word == name && split_fields(text).size() == 1) {
      return parse_fields(fields);
    }
    names.push_back(name);
  }
  if (word == "@reboot") {
    return make_error(Errc::InvalidArgument,
                      "@reboot is not a schedule; a oneshot service without one runs at start");
  }
  if (split_fields(text).size() != 1 &&
      std::find(names.begin(), names.end(), word) != names.end()) {
    return make_error(Errc::InvalidArgument, word + " takes no arguments");
  }
  return make_error(Errc::InvalidArgument,
                    "unknown schedule " + quoted(word) + "; expected " +
                        "5 cron fields, @every DURATION or one of @yearly, " +
                        "@annually, @monthly, @weekly, @daily, @midnight, " + "@hourly" +
                        did_you_mean(word, names));
}

}  // namespace

Result<CronExpression> parse_cron(std::string_view text) {
  std::vector<std::string_view> parts = split_fields(text);
  if (parts.empty()) {
    return make_error(Errc::InvalidArgument, "empty schedule");
  }
  if (parts[0][0] == '@') {
    return parse_macro(text.substr(text.find('@')));
  }
  return parse_fields(text);
}

}  // namespace drover::core
