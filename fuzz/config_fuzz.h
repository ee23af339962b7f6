#pragma once

// The body both config fuzzers share: any text, read as the file at `path`,
// gives a model or errors with locations, never a crash.
#include "config/config.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace drover::fuzz {

inline int load_any_text(const uint8_t* data, size_t size, const std::string& path,
                         const config::Environment& env) {
  std::string text(reinterpret_cast<const char*>(data), size);
  config::LoadResult result = config::load_text(text, path, env);
  if (!result.model && result.errors.empty()) {
    __builtin_trap();  // A rejected config must say why.
  }
  return 0;
}

}  // namespace drover::fuzz
