#pragma once

#include "base/result.h"
#include "core/zone_rules.h"

#include <string>
#include <string_view>

namespace drover::tz {

// Parses a TZif file (RFC 8536, versions 1 to 4) into the offsets the cron
// arithmetic needs. Uses the 64-bit data block when there is one. Only
// changes of UTC offset are kept (a change of abbreviation alone is not one).
// After the last transition the last offset stays in effect: the POSIX TZ
// footer is not read, which is exact for the "fat" files Debian ships (they
// list transitions up to 2037; see docs/decisions/0010).
// `name` is only copied into the result and used in error messages.
Result<core::ZoneRules> parse_tzif(std::string_view bytes, const std::string& name);

}  // namespace drover::tz
