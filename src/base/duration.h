#pragma once

#include "base/result.h"

#include <chrono>
#include <string>
#include <string_view>

namespace drover {

using Duration = std::chrono::milliseconds;

// Parses "500ms", "10s", "2m", "1h", "1h30m", "1.5s" and a bare "0".
// A bare number other than 0 is rejected: "10" is ambiguous (seconds in
// supervisord, milliseconds elsewhere), so the unit is required.
Result<Duration> parse_duration(std::string_view text);

// "1.5s", "2m", "250ms", "1h30m": the shortest exact rendering.
std::string format_duration(Duration d);

}  // namespace drover
