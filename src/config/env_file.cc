// env_file parsing. The format is the common subset of docker's --env-file
// and compose's env_file (KEY=VALUE, comments, optional quotes, `export`),
// so existing .env files work without surprises from escape processing.
#include "config/env_file.h"

#include <algorithm>

namespace drover::config {
namespace {

constexpr std::string_view kBlanks = " \t\r";

std::string_view trim(std::string_view text) {
  size_t first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) {
    return {};
  }
  size_t last = text.find_last_not_of(kBlanks);
  return text.substr(first, last - first + 1);
}

std::string_view unquote(std::string_view value) {
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  return value;
}

}  // namespace

void set_env(EnvList& env, std::string key, std::string value) {
  for (auto& [existing_key, existing_value] : env) {
    if (existing_key == key) {
      existing_value = std::move(value);
      return;
    }
  }
  env.emplace_back(std::move(key), std::move(value));
}

bool is_valid_env_name(std::string_view name) {
  return !name.empty() && name.find_first_of(std::string_view("= \t\r\n\0", 7)) == name.npos;
}

EnvList parse_env_file(std::string_view text, const std::string& file, const std::string& field,
                       Errors& errors) {
  EnvList env;
  int line_number = 0;
  for (size_t start = 0; start < text.size();) {
    size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = trim(text.substr(start, end - start));
    start = end + 1;
    ++line_number;
    if (line.empty() || line.front() == '#') {
      continue;
    }
    if (line.substr(0, 7) == "export " || line.substr(0, 7) == "export\t") {
      line = trim(line.substr(7));
    }
    size_t equals = line.find('=');
    std::string_view key = trim(line.substr(0, equals));
    SourceLocation at{file, line_number, 1};
    if (equals == std::string_view::npos) {
      errors.push_back(
          config_error(at, field, "expected KEY=VALUE, got \"" + std::string(line) + "\""));
    } else if (!is_valid_env_name(key)) {
      errors.push_back(
          config_error(at, field, "invalid variable name \"" + std::string(key) + "\""));
    } else {
      set_env(env, std::string(key), std::string(unquote(trim(line.substr(equals + 1)))));
    }
  }
  return env;
}

}  // namespace drover::config
