// Error rendering. Config errors are read by people and by editors, so the
// location comes first in the compiler's "file:line:col:" form.
#include "base/error.h"

#include <cstring>

namespace drover {

std::string Error::to_string() const {
  std::string out;
  if (where) {
    out += where->file;
    if (where->line > 0) {
      out += ':';
      out += std::to_string(where->line);
      if (where->column > 0) {
        out += ':';
        out += std::to_string(where->column);
      }
    }
    out += ": ";
  }
  if (!field.empty()) {
    out += field + ": ";
  }
  out += message;
  return out;
}

Error make_error(Errc code, std::string message) {
  Error error;
  error.code = code;
  error.message = std::move(message);
  return error;
}

Error errno_error(Errc code, const std::string& step, int errnum) {
  Error error = make_error(code, step + ": " + std::strerror(errnum));
  error.sys_errno = errnum;
  return error;
}

}  // namespace drover
