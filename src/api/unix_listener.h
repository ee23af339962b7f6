#pragma once

#include "base/result.h"

#include <string>

namespace drover::api {

// Creates a listening unix stream socket at `path` with mode 0600 and returns
// its fd (close-on-exec, non-blocking); the caller owns it.
//
// A socket file left by a drover that died is removed, but only after a
// connect() proves nothing answers on it; if something does, the error is
// Errc::Conflict "another drover is already listening on PATH". A missing
// parent directory is not created (Errc::Io naming it), and a non-socket file
// at `path` is never removed. Blocking, but only for local syscalls.
Result<int> listen_unix_socket(const std::string& path);

}  // namespace drover::api
