#pragma once

// Helpers shared by the config tests: load inline YAML as "drover.yaml" and
// look at the errors as the one-line strings users see.
#include "config/config.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace drover::config::test {

inline LoadResult load(const std::string& yaml, const Environment& env = {}) {
  return load_text(yaml, "drover.yaml", env);
}

inline std::vector<std::string> error_lines(const LoadResult& result) {
  std::vector<std::string> lines;
  for (const Error& error : result.errors) {
    lines.push_back(error.to_string());
  }
  return lines;
}

inline std::vector<std::string> errors_of(const std::string& yaml, const Environment& env = {}) {
  return error_lines(load(yaml, env));
}

// One invalid config and the one error line it must produce.
struct ErrorCase {
  const char* name;  // The test name suffix: letters, digits and '_'.
  const char* yaml;
  const char* error;
};

inline std::ostream& operator<<(std::ostream& out, const ErrorCase& c) { return out << c.name; }

inline std::string case_name(const ::testing::TestParamInfo<ErrorCase>& info) {
  return info.param.name;
}

// Each corpus file derives its own fixture from this and instantiates it
// with its cases; the check is the same everywhere: exactly that one line.
class ErrorCaseTest : public ::testing::TestWithParam<ErrorCase> {
 protected:
  void expect_single_error() {
    const ErrorCase& c = GetParam();
    LoadResult result = load(c.yaml, {{"SET", "value"}, {"EMPTY", ""}});
    EXPECT_EQ(error_lines(result), std::vector<std::string>{c.error}) << c.yaml;
    EXPECT_FALSE(result.model.has_value());
  }
};

}  // namespace drover::config::test
