#pragma once

#include "config/config_error.h"
#include "config/ini_document.h"
#include "config/ini_expand.h"

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace drover::config {

// Reads typed option values out of one INI section with supervisord's value
// rules (its boolean, integer, byte_size, octal and signal converters), after
// %(name)s expansion. Every problem is reported with file:line:col and
// "[section] option"; a getter then returns nullopt and the default stays.
class IniSectionReader {
 public:
  IniSectionReader(const IniSection& section, IniExpansions names, Errors& errors,
                   Errors& warnings);

  const IniSection& section() const { return section_; }
  const IniExpansions& names() const { return names_; }
  IniExpansions& names() { return names_; }
  std::string field(const std::string& key) const;

  // The raw entry, or nullptr; marks the key as known.
  const IniEntry* entry(const std::string& key);
  // Expanded text, or nullopt when absent or not expandable.
  std::optional<std::string> text(const std::string& key);
  // Like text(), without %(name)s expansion (supervisord's do_expand=False).
  std::optional<std::string> raw(const std::string& key);
  std::optional<bool> boolean(const std::string& key);
  std::optional<long long> integer(const std::string& key, long long min, long long max);
  std::optional<uint64_t> byte_size(const std::string& key);
  std::optional<unsigned> octal(const std::string& key, unsigned max);
  std::optional<int> signal(const std::string& key);

  void error(const std::string& key, const std::string& message);
  void warn(const std::string& key, const std::string& message);
  // A warning at the section header, for things that are not one option.
  void warn_section(const std::string& message);
  // Warns about every option not in `known`: supervisord ignores unknown
  // options silently, drover says so.
  void warn_unknown(const std::vector<std::string>& known);

 private:
  const IniSection& section_;
  IniExpansions names_;
  Errors& errors_;
  Errors& warnings_;
};

// "file:line:col: warning: field: message", the form drover prints.
std::string warning_line(const Error& warning);

// supervisord's truthy and falsy words: yes/true/on/1 and no/false/off/0.
std::optional<bool> parse_ini_bool(std::string_view text);

}  // namespace drover::config
