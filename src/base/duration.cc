// Duration parsing, Go/compose style ("1m30s", "500ms"). Kept strict so that a
// typo such as "10 s" or "10sec" is an error rather than a surprise.
#include "base/duration.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>

namespace drover {
namespace {

struct Unit {
  std::string_view suffix;
  double millis;
};

// Longest suffix first so that "ms" is not read as "m" followed by "s".
constexpr Unit kUnits[] = {{"ms", 1}, {"s", 1000}, {"m", 60000}, {"h", 3600000}, {"d", 86400000}};

// Quotes the text for a message, cut short so that a pasted blob stays one line.
std::string quoted(std::string_view text) {
  constexpr size_t kShown = 60;
  if (text.size() <= kShown) {
    return "\"" + std::string(text) + "\"";
  }
  return "\"" + std::string(text.substr(0, kShown)) + "...\"";
}

Error bad(std::string_view text) {
  return make_error(
      Errc::InvalidArgument,
      "invalid duration " + quoted(text) + "; expected a number with a unit: 500ms, 10s, 2m, 1h");
}

Error too_large(std::string_view text) {
  return make_error(Errc::InvalidArgument,
                    "invalid duration " + quoted(text) + "; the number is too large");
}

}  // namespace

Result<Duration> parse_duration(std::string_view text) {
  if (text == "0") {
    return Duration{0};
  }
  if (text.empty()) {
    return bad(text);
  }
  double total = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
      ++i;
    }
    if (i == start) {
      return bad(text);
    }
    // from_chars, not stod: it neither throws on 400 digits nor follows the locale.
    std::string_view number = text.substr(start, i - start);
    double value = 0;
    auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (ec == std::errc::result_out_of_range) {
      return too_large(text);
    }
    if (ec != std::errc() || end != number.data() + number.size()) {
      return bad(text);
    }
    const Unit* unit = nullptr;
    for (const Unit& candidate : kUnits) {
      if (text.substr(i, candidate.suffix.size()) == candidate.suffix) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) {
      return bad(text);
    }
    i += unit->suffix.size();
    total += value * unit->millis;
  }
  if (total > 1e13) {  // ~300 years: larger values only overflow timers.
    return too_large(text);
  }
  return Duration{static_cast<int64_t>(std::llround(total))};
}

std::string format_duration(Duration d) {
  if (d.count() == 0) {
    return "0s";
  }
  std::string out = d.count() < 0 ? "-" : "";
  // Unsigned, so that negating the most negative value is defined.
  uint64_t ms = static_cast<uint64_t>(d.count());
  if (d.count() < 0) {
    ms = 0 - ms;
  }
  if (ms < 1000) {
    return out + std::to_string(ms) + "ms";
  }
  uint64_t hours = ms / 3600000;
  uint64_t minutes = ms / 60000 % 60;
  uint64_t millis = ms % 60000;  // Seconds and their fraction.
  if (hours > 0) {
    out += std::to_string(hours) + "h";
  }
  if (minutes > 0) {
    out += std::to_string(minutes) + "m";
  }
  if (millis > 0) {
    out += std::to_string(millis / 1000);
    if (millis % 1000 != 0) {
      std::string fraction = std::to_string(millis % 1000 + 1000).substr(1);
      while (fraction.back() == '0') {
        fraction.pop_back();
      }
      out += "." + fraction;
    }
    out += "s";
  }
  return out;
}

}  // namespace drover
