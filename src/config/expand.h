#pragma once

#include "base/result.h"
#include "config/config_error.h"
#include "config/environment.h"
#include "config/node.h"

#include <string>
#include <string_view>

namespace drover::config {

// Expands variable references in one config value, compose-style:
//   ${VAR}          the value of VAR; an error when VAR is unset
//   ${VAR:-word}    VAR, or `word` when VAR is unset or empty
//   ${VAR-word}     VAR, or `word` when VAR is unset
//   $$              a literal "$"
// `word` may itself hold references; it is expanded only when used. A "$"
// not followed by "{" or "$" (as in "$HOME") is kept as written, because
// shell commands in config values often mean it for the shell. Errors carry
// a message only; the caller adds the location.
Result<std::string> expand_variables(std::string_view text, const Environment& env);

// Expands every scalar value under `root` in place (keys are left alone).
// A value whose expansion fails is reported with its location and field and
// marked `reported`, so later checks skip it.
void expand_tree(Node& root, const Environment& env, Errors& errors);

}  // namespace drover::config
