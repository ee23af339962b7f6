// drover.yaml: any text gives a model or errors with locations, never a crash.
#include "config/config.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  drover::config::Environment env{{"HOME", "/root"}, {"PORT", "8080"}};
  drover::config::LoadResult result =
      drover::config::load_text(text, "/nonexistent/fuzz/drover.yaml", env);
  if (!result.model && result.errors.empty()) {
    __builtin_trap();  // A rejected config must say why.
  }
  return 0;
}
