#pragma once

#include "base/result.h"
#include "config/environment.h"
#include "core/model.h"

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace drover::config {

struct LoadResult {
  std::optional<core::Model> model;  // Set only when there are no errors.
  std::vector<Error> errors;         // Every problem found, each with file:line:col and field.
  // Things that do not stop the config from loading but change what it
  // means: supervisord options drover ignores or maps approximately. Printed
  // with warning_line() (ini_section_reader.h) by `drover up` and `check`.
  std::vector<Error> warnings;
};

// Whether a service's `timezone:` names a zone of the tz database; the error
// says why not. Passed in so that config/ does no tz database I/O (main
// passes tz::TzDatabase::load). Empty: names are not checked.
using TimeZoneCheck = std::function<Result<void>(const std::string& name)>;

// Reads, expands and validates a config file: drover.yaml, or supervisord's
// INI format, chosen by extension (.conf, .ini) or content (ini_reader.h). Collects every error
// rather than stopping at the first. Never throws.
//
// `overrides` are supervisord's command-line flags as the [supervisord]
// options they replace ({"nodaemon", "true"}, {"loglevel", "debug"}); they
// apply to INI configs only and are reported at "command line".
using SupervisordOverrides = std::vector<std::pair<std::string, std::string>>;
LoadResult load_file(const std::string& path, const Environment& env,
                     const SupervisordOverrides& overrides = {},
                     const TimeZoneCheck& check_zone = {});

// Same, from text already in memory; `path` is used in messages and to
// resolve relative env_file paths.
LoadResult load_text(const std::string& text, const std::string& path, const Environment& env,
                     const SupervisordOverrides& overrides = {},
                     const TimeZoneCheck& check_zone = {});

// The config file to use: `explicit_path` if given, then $DROVER_CONFIG, then
// ./drover.yaml, then /etc/drover/drover.yaml. Error lists what was tried.
Result<std::string> locate_config(const std::string& explicit_path, const Environment& env);

// supervisord's search when -c is not given: ../etc/supervisord.conf and
// ../supervisord.conf relative to the directory of `argv0`, then
// ./supervisord.conf, ./etc/supervisord.conf, /etc/supervisord.conf,
// /etc/supervisor/supervisord.conf. The error lists every path tried.
Result<std::string> locate_supervisord_config(const std::string& explicit_path,
                                              const std::string& argv0);

// /run/drover.sock as root, else $XDG_RUNTIME_DIR/drover.sock (or
// /tmp/drover-<uid>.sock without XDG_RUNTIME_DIR).
std::string default_control_socket(const Environment& env);

}  // namespace drover::config
