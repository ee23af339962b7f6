#pragma once

#include "config/config_error.h"
#include "config/environment.h"
#include "config/ini_document.h"
#include "core/model.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drover::config {

// Parses `text` and the files its [include] names (globs relative to the
// including file's directory, sorted, one level deep as in supervisord) into
// one document. A pattern that matches nothing is a warning, as it is in
// supervisord; an unreadable file is an error.
IniDocument read_ini_document(std::string_view text, const std::string& file,
                              const Environment& env, Errors& errors, Errors& warnings);

// Turns a supervisord configuration into a Model: settings, one service per
// process of every [program:x], ordered by priority (group priority first,
// then the program's; ties in declaration order), then the cross-service
// checks (validate.h). Options drover does not implement go to `warnings`;
// the Model is returned only when `errors` got nothing. `overrides` replace
// options of [supervisord] (supervisord's command-line flags).
std::optional<core::Model> read_ini_config(
    std::string_view text, const std::string& file, const Environment& env,
    const std::vector<std::pair<std::string, std::string>>& overrides, Errors& errors,
    Errors& warnings);

// Whether a config file is in supervisord's format: by extension (.conf,
// .ini), else by content (a line starting with "[supervisord]",
// "[program:" or "[include]").
bool is_ini_config(const std::string& path, std::string_view text);

}  // namespace drover::config
