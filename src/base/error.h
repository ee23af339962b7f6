#pragma once

#include <optional>
#include <string>

namespace drover {

// The fixed vocabulary of failures. Each maps to one HTTP status and one
// supervisord XML-RPC fault in api/ (one table each there).
enum class Errc {
  InvalidConfig,
  InvalidArgument,
  NotFound,
  Conflict,
  SpawnFailed,
  Io,
  Timeout,
  Unavailable,
  PermissionDenied,
  Internal,
};

// Where in a config file something went wrong. Lines and columns are 1-based.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
};

// An expected failure, as a value. `field` is the key path for config and API
// errors ("services.web.restart"); `sys_errno` is set when a syscall failed.
struct Error {
  Errc code = Errc::Internal;
  std::string message;
  std::optional<SourceLocation> where;
  std::string field;
  int sys_errno = 0;

  // One line: "file:line:col: field: message" (parts that are unset are left
  // out), so that editors and CI logs can jump to the place.
  std::string to_string() const;
};

Error make_error(Errc code, std::string message);
// An Io/SpawnFailed-style error that names the step and the errno text:
// "<step>: <strerror(errnum)>".
Error errno_error(Errc code, const std::string& step, int errnum);

}  // namespace drover
