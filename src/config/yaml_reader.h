#pragma once

#include "config/config.h"
#include "config/config_error.h"
#include "config/environment.h"
#include "config/node.h"
#include "core/model.h"

#include <optional>
#include <string>
#include <vector>

namespace drover::config {

// The keys allowed at the top level and under `settings`.
const std::vector<std::string>& top_level_keys();
const std::vector<std::string>& settings_keys();

// Turns a parsed drover.yaml tree into a Model: expands ${VAR} in every
// value, checks the top-level and settings keys, reads each service and runs
// the cross-service checks (validate.h). Every problem goes to `errors`; the
// Model is returned only when none was found. `check_zone` (if set) checks
// each service's timezone.
std::optional<core::Model> read_yaml_config(Node root, const std::string& file,
                                            const Environment& env, Errors& errors,
                                            const TimeZoneCheck& check_zone = {});

}  // namespace drover::config
