#pragma once

#include "base/result.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace drover::config {

// One name supervisord's expansions know: %(here)s is text, %(process_num)d
// a number. ENV_X names come from the environment drover was started with.
struct IniExpansion {
  std::string text;
  std::optional<long long> number;  // Set for process_num and numprocs.
};
using IniExpansions = std::map<std::string, IniExpansion>;

// Python's `value % expansions`, which is what supervisord applies to its
// option values: %(name)s, %(name)r, %(name)d/i/u/x/X/o with printf flags,
// width and precision (%(process_num)02d), and %% for a literal "%". A "%"
// followed by anything else is an error, as it is in Python. Errors carry a
// message only; the caller adds the location.
Result<std::string> expand_ini_value(std::string_view text, const IniExpansions& names);

// The expansions every section gets: ENV_<name> for each variable of `env`
// and `here`, the directory of the file the section was read from.
template <typename Env>
IniExpansions base_ini_expansions(const Env& env, const std::string& here) {
  IniExpansions names;
  for (const auto& [key, value] : env) {
    names["ENV_" + key] = IniExpansion{value, std::nullopt};
  }
  names["here"] = IniExpansion{here, std::nullopt};
  return names;
}

}  // namespace drover::config
