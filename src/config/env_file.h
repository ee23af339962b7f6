#pragma once

#include "config/config_error.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drover::config {

using EnvList = std::vector<std::pair<std::string, std::string>>;

// Sets `key` in `env`: replaces the value in place when the key is already
// there (so the first declaration fixes the position), else appends.
void set_env(EnvList& env, std::string key, std::string value);

// Whether `name` can be an environment variable name here: not empty, and no
// "=", blank or NUL (those cannot round-trip through a KEY=VALUE line).
bool is_valid_env_name(std::string_view name);

// Parses the text of an env file: one KEY=VALUE per line; blank lines and
// lines starting with "#" are skipped; an "export " prefix is allowed; blanks
// around key and value are trimmed, then one pair of matching quotes ('...'
// or "...") around the value is removed. Nothing inside is unescaped or
// expanded. Bad lines are reported as `file:line:1` with `field` and skipped;
// a repeated key keeps its first position and its last value.
EnvList parse_env_file(std::string_view text, const std::string& file, const std::string& field,
                       Errors& errors);

}  // namespace drover::config
