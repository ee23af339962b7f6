// Size parsing for config values such as log.max_size. Strict like the
// duration parser: "10 MB", "10mb" or "1.5MB" are errors, not guesses,
// because a wrong guess silently changes how much disk a service may fill.
#include "base/size.h"

#include <charconv>

namespace drover {
namespace {

struct Unit {
  std::string_view suffix;
  uint64_t bytes;
};

constexpr Unit kUnits[] = {
    {"KB", 1000ULL},
    {"MB", 1000ULL * 1000},
    {"GB", 1000ULL * 1000 * 1000},
    {"TB", 1000ULL * 1000 * 1000 * 1000},
    {"KiB", 1ULL << 10},
    {"MiB", 1ULL << 20},
    {"GiB", 1ULL << 30},
    {"TiB", 1ULL << 40},
};

std::string quoted(std::string_view text) {
  constexpr size_t kShown = 60;
  if (text.size() <= kShown) {
    return "\"" + std::string(text) + "\"";
  }
  return "\"" + std::string(text.substr(0, kShown)) + "...\"";
}

Error bad(std::string_view text) {
  return make_error(Errc::InvalidArgument,
                    "invalid size " + quoted(text) +
                        "; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB");
}

Error too_large(std::string_view text) {
  return make_error(Errc::InvalidArgument,
                    "invalid size " + quoted(text) + "; the number is too large");
}

}  // namespace

Result<uint64_t> parse_size(std::string_view text) {
  size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') {
    ++digits;
  }
  if (digits == 0) {
    return bad(text);
  }
  uint64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + digits, number);
  if (ec == std::errc::result_out_of_range) {
    return too_large(text);
  }
  if (ec != std::errc() || end != text.data() + digits) {
    return bad(text);
  }
  std::string_view suffix = text.substr(digits);
  if (suffix.empty()) {
    return number;
  }
  for (const Unit& unit : kUnits) {
    if (suffix == unit.suffix) {
      if (number > UINT64_MAX / unit.bytes) {
        return too_large(text);
      }
      return number * unit.bytes;
    }
  }
  return bad(text);
}

std::string format_size(uint64_t bytes) {
  // The largest unit that divides exactly: 1048576 is 1MiB, 2000000 is 2MB.
  const Unit* best = nullptr;
  for (const Unit& unit : kUnits) {
    if (bytes != 0 && bytes % unit.bytes == 0 && (best == nullptr || unit.bytes > best->bytes)) {
      best = &unit;
    }
  }
  if (best == nullptr) {
    return std::to_string(bytes);
  }
  return std::to_string(bytes / best->bytes) + std::string(best->suffix);
}

}  // namespace drover
