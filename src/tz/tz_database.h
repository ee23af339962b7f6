#pragma once

#include "base/result.h"
#include "core/zone_rules.h"

#include <string>

namespace drover::tz {

// The system's IANA time zone database: a directory of TZif files named
// like the zones (/usr/share/zoneinfo/Europe/Berlin, from Debian's tzdata).
// The supervisor loads a scheduled service's zone here once, at config load,
// and keeps the rules as a value; nothing is read on the timer path.
class TzDatabase {
 public:
  // `dir` empty: $TZDIR's usual default, /usr/share/zoneinfo.
  explicit TzDatabase(std::string dir = "");

  // The zone's rules. "" and "UTC" need no database (a container FROM
  // scratch has none). Errors name the zone: an invalid name, an unknown
  // zone (with the directory searched), or a corrupt file.
  Result<core::ZoneRules> load(const std::string& name) const;

  // Whether load(name) would succeed, for the config loader's check.
  bool exists(const std::string& name) const { return load(name).has_value(); }

  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
};

// Whether `name` has the shape of an IANA zone name: components of
// letters, digits, '_', '-' and '+' separated by '/', none of them "." or
// "..", and not absolute. Keeps a config value from naming any other file.
bool is_valid_zone_name(const std::string& name);

}  // namespace drover::tz
