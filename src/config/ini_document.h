#pragma once

#include "base/error.h"
#include "config/config_error.h"

#include <string>
#include <string_view>
#include <vector>

namespace drover::config {

// One `key = value` of a supervisord INI file. Continuation lines are joined
// with "\n" as Python's ConfigParser does; `at` is where the value starts.
struct IniEntry {
  std::string key;  // Lower-cased (ConfigParser's optionxform).
  std::string value;
  SourceLocation key_at;
  SourceLocation at;
};

// A [section]. ConfigParser with strict=False (supervisord's choice) merges a
// section written twice and lets a later key replace an earlier one.
struct IniSection {
  std::string name;  // Case kept: "program:web".
  SourceLocation at;
  std::string here;  // Absolute directory of the file that last defined it: %(here)s.
  std::vector<IniEntry> entries;

  const IniEntry* find(std::string_view key) const;
};

struct IniDocument {
  std::vector<IniSection> sections;  // In first-seen order.

  const IniSection* find(std::string_view name) const;
  IniSection* find(std::string_view name);
};

// Parses one file's text into `doc` with ConfigParser's rules as supervisord
// configures them: `key = value` or `key: value` (the first "=" or ":"
// splits), full-line comments starting with ";" or "#", inline comments
// only after whitespace (" ;", " #"), continuation lines indented deeper than
// their key, blank lines kept inside a continued value, keys lower-cased.
// Errors (text before any section, a line without "=" or ":") name
// file:line:col; parsing continues after them.
void parse_ini(std::string_view text, const std::string& file, IniDocument& doc, Errors& errors);

}  // namespace drover::config
