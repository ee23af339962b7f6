#pragma once

#include <map>
#include <string>

namespace drover::config {

// The variables ${VAR} and ${VAR:-default} are expanded from. Passed in
// rather than read from environ, so tests are hermetic.
using Environment = std::map<std::string, std::string>;

// The current process environment (environ) as a map.
Environment process_environment();

}  // namespace drover::config
