#pragma once

// Helpers shared by the supervisord INI tests: load inline text as
// "supervisord.conf" (a [supervisord] section is added in front unless the
// text has one) and look at errors and warnings as the lines users see.
#include "config/config.h"
#include "config/ini_section_reader.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drover::config::test {

inline LoadResult load_ini(const std::string& text, const Environment& env = {},
                           const std::string& path = "supervisord.conf") {
  std::string full =
      text.find("[supervisord]") == std::string::npos ? "[supervisord]\n" + text : text;
  return load_text(full, path, env);
}

inline std::vector<std::string> ini_errors(const LoadResult& result) {
  std::vector<std::string> lines;
  for (const Error& error : result.errors) {
    lines.push_back(error.to_string());
  }
  return lines;
}

inline std::vector<std::string> ini_warnings(const LoadResult& result) {
  std::vector<std::string> lines;
  for (const Error& warning : result.warnings) {
    lines.push_back(warning_line(warning));
  }
  return lines;
}

// The one service a config defines. Fails the test when there is not exactly one.
inline core::ServiceSpec only_service(const LoadResult& result) {
  EXPECT_TRUE(result.model.has_value()) << ::testing::PrintToString(ini_errors(result));
  if (!result.model || result.model->services.size() != 1) {
    ADD_FAILURE() << "expected one service";
    return {};
  }
  return result.model->services[0];
}

}  // namespace drover::config::test
