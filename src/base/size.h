#pragma once

#include "base/result.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace drover {

// Parses a byte size: a bare integer is bytes ("0", "500"); with a unit,
// KB/MB/GB/TB are powers of 1000 and KiB/MiB/GiB/TiB powers of 1024
// ("10MB" = 10,000,000, "1MiB" = 1,048,576). Whole numbers only, no space
// before the unit, units spelled exactly so; anything else, or a value
// beyond 2^64-1, is an InvalidArgument error.
Result<uint64_t> parse_size(std::string_view text);

// The shortest exact rendering: "0", "500", "10MB", "1MiB", "1500".
std::string format_size(uint64_t bytes);

}  // namespace drover
