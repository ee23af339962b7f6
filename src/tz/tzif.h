#pragma once

#include "base/result.h"
#include "core/zone_rules.h"

#include <string>
#include <string_view>

namespace drover::tz {

// Parses a TZif file (RFC 8536, versions 1 to 4) into the offsets the cron
// arithmetic needs. Uses the 64-bit data block when there is one. Only
// changes of UTC offset are kept (a change of abbreviation alone is not one).
// For version 2+, the POSIX TZ footer's rule (posix_tz.h) is listed out as
// changes up to 2199, so slim files and years after 2037 are right too.
// `name` is only copied into the result and used in error messages.
Result<core::ZoneRules> parse_tzif(std::string_view bytes, const std::string& name);

}  // namespace drover::tz
