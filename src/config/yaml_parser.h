#pragma once

#include "config/config_error.h"
#include "config/node.h"

#include <optional>
#include <string>
#include <string_view>

namespace drover::config {

// Parses YAML text into a located Node tree; the only code that touches
// yaml-cpp, so every yaml-cpp exception is caught here. Returns nullopt, with
// an error in `errors`, when there is no usable document: a syntax error
// (tabs used for indentation get their own message), an empty file, or more
// than one document. Duplicate keys are reported and dropped (the first one
// wins) without stopping. Nesting is capped and aliases are expanded against
// a size budget, so hostile input cannot exhaust the stack or memory.
std::optional<Node> parse_yaml(std::string_view text, const std::string& file, Errors& errors);

}  // namespace drover::config
