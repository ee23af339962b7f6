// Located config errors and their ordering.
#include "config/config_error.h"

#include <algorithm>
#include <tuple>

namespace drover::config {

Error config_error(const SourceLocation& at, std::string field, std::string message) {
  Error error = make_error(Errc::InvalidConfig, std::move(message));
  error.where = at;
  error.field = std::move(field);
  return error;
}

std::string join_field(const std::string& prefix, const std::string& key) {
  return prefix.empty() ? key : prefix + "." + key;
}

void sort_errors(Errors& errors, const std::string& config_file) {
  auto rank = [&config_file](const Error& error) {
    if (!error.where) {
      return std::make_tuple(0, std::string(), 0, 0);
    }
    const SourceLocation& at = *error.where;
    bool elsewhere = at.file != config_file;
    return std::make_tuple(elsewhere ? 1 : 0, elsewhere ? at.file : std::string(), at.line,
                           at.column);
  };
  std::stable_sort(errors.begin(), errors.end(),
                   [&rank](const Error& a, const Error& b) { return rank(a) < rank(b); });
}

}  // namespace drover::config
