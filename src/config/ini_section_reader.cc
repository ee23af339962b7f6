// Typed option values, with supervisord's converters (supervisor/datatypes.py)
// as the reference for what each accepts.
#include "config/ini_section_reader.h"

#include "base/did_you_mean.h"
#include "base/signal_names.h"

#include <climits>

#include <algorithm>
#include <cctype>

namespace drover::config {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::optional<long long> parse_integer(std::string_view text) {
  if (text.empty() || text.size() > 18) {
    return std::nullopt;
  }
  size_t i = text[0] == '-' || text[0] == '+' ? 1 : 0;
  if (i == text.size()) {
    return std::nullopt;
  }
  long long value = 0;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return std::nullopt;
    }
    value = value * 10 + (text[i] - '0');
  }
  return text[0] == '-' ? -value : value;
}

}  // namespace

std::optional<bool> parse_ini_bool(std::string_view text) {
  std::string word = lower(text);
  if (word == "yes" || word == "true" || word == "on" || word == "1") {
    return true;
  }
  if (word == "no" || word == "false" || word == "off" || word == "0") {
    return false;
  }
  return std::nullopt;
}

std::string warning_line(const Error& warning) {
  Error shown = warning;
  shown.field = shown.field.empty() ? "warning" : "warning: " + shown.field;
  return shown.to_string();
}

IniSectionReader::IniSectionReader(const IniSection& section, IniExpansions names, Errors& errors,
                                   Errors& warnings)
    : section_(section), names_(std::move(names)), errors_(errors), warnings_(warnings) {}

std::string IniSectionReader::field(const std::string& key) const {
  return "[" + section_.name + "]" + (key.empty() ? "" : " " + key);
}

const IniEntry* IniSectionReader::entry(const std::string& key) { return section_.find(key); }

std::optional<std::string> IniSectionReader::raw(const std::string& key) {
  const IniEntry* found = entry(key);
  return found ? std::optional<std::string>(found->value) : std::nullopt;
}

std::optional<std::string> IniSectionReader::text(const std::string& key) {
  const IniEntry* found = entry(key);
  if (found == nullptr) {
    return std::nullopt;
  }
  Result<std::string> expanded = expand_ini_value(found->value, names_);
  if (!expanded) {
    error(key, expanded.error().message);
    return std::nullopt;
  }
  return std::move(*expanded);
}

std::optional<bool> IniSectionReader::boolean(const std::string& key) {
  std::optional<std::string> value = text(key);
  if (!value) {
    return std::nullopt;
  }
  std::optional<bool> parsed = parse_ini_bool(*value);
  if (!parsed) {
    error(key, "\"" + *value + "\" is not a boolean; use true or false");
  }
  return parsed;
}

std::optional<long long> IniSectionReader::integer(const std::string& key, long long min,
                                                   long long max) {
  std::optional<std::string> value = text(key);
  if (!value) {
    return std::nullopt;
  }
  std::optional<long long> parsed = parse_integer(*value);
  if (!parsed) {
    error(key, "\"" + *value + "\" is not an integer");
  } else if (*parsed < min || *parsed > max) {
    error(key, std::to_string(*parsed) + " is out of range; expected " + std::to_string(min) +
                   " to " + std::to_string(max));
    return std::nullopt;
  }
  return parsed;
}

// supervisord's byte_size: a whole number with an optional KB, MB or GB
// suffix (any case), each a power of 1024.
std::optional<uint64_t> IniSectionReader::byte_size(const std::string& key) {
  std::optional<std::string> value = text(key);
  if (!value) {
    return std::nullopt;
  }
  std::string upper = *value;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  uint64_t unit = 1;
  constexpr std::pair<const char*, uint64_t> kUnits[] = {
      {"KB", 1024ULL}, {"MB", 1024ULL * 1024}, {"GB", 1024ULL * 1024 * 1024}};
  for (const auto& [suffix, multiplier] : kUnits) {
    if (upper.size() > 2 && upper.compare(upper.size() - 2, 2, suffix) == 0) {
      unit = multiplier;
      upper.resize(upper.size() - 2);
      break;
    }
  }
  std::optional<long long> number = parse_integer(upper);
  if (!number || *number < 0 || static_cast<uint64_t>(*number) > UINT64_MAX / unit) {
    error(key, "\"" + *value + "\" is not a byte size; use a number with KB, MB or GB");
    return std::nullopt;
  }
  return static_cast<uint64_t>(*number) * unit;
}

std::optional<unsigned> IniSectionReader::octal(const std::string& key, unsigned max) {
  std::optional<std::string> value = text(key);
  if (!value) {
    return std::nullopt;
  }
  unsigned result = 0;
  bool ok = !value->empty() && value->size() <= 6;
  for (size_t i = 0; ok && i < value->size(); ++i) {
    ok = (*value)[i] >= '0' && (*value)[i] <= '7';
    result = result * 8 + static_cast<unsigned>((*value)[i] - '0');
  }
  if (!ok || result > max) {
    error(key, "\"" + *value + "\" is not an octal number such as 022");
    return std::nullopt;
  }
  return result;
}

std::optional<int> IniSectionReader::signal(const std::string& key) {
  std::optional<std::string> value = text(key);
  if (!value) {
    return std::nullopt;
  }
  Result<int> signo = parse_signal(*value);
  if (!signo) {
    error(key, signo.error().message);
    return std::nullopt;
  }
  return *signo;
}

void IniSectionReader::error(const std::string& key, const std::string& message) {
  const IniEntry* found = section_.find(key);
  errors_.push_back(config_error(found ? found->at : section_.at, field(key), message));
}

void IniSectionReader::warn(const std::string& key, const std::string& message) {
  const IniEntry* found = section_.find(key);
  warnings_.push_back(config_error(found ? found->key_at : section_.at, field(key), message));
}

void IniSectionReader::warn_section(const std::string& message) {
  warnings_.push_back(config_error(section_.at, field(""), message));
}

void IniSectionReader::warn_unknown(const std::vector<std::string>& known) {
  for (const IniEntry& e : section_.entries) {
    if (std::find(known.begin(), known.end(), e.key) == known.end()) {
      warnings_.push_back(config_error(e.key_at, field(e.key),
                                       "unknown option, ignored" + did_you_mean(e.key, known)));
    }
  }
}

}  // namespace drover::config
