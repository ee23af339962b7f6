#pragma once

#include "base/result.h"

#include <string>

namespace drover::config {

// The whole content of a regular file, up to kMaxConfigFileSize. Errors
// (Errc::Io, no location) read "cannot read \"<path>\": <strerror>", or name
// the size limit, which keeps a path like /dev/zero from eating memory.
inline constexpr size_t kMaxConfigFileSize = 16 << 20;
Result<std::string> read_text_file(const std::string& path);

}  // namespace drover::config
