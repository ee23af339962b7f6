// supervisord.conf: any text gives a model or errors with locations, never a
// crash. Includes resolve under a directory that does not exist.
#include "config/config.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  drover::config::Environment env{{"HOME", "/root"}, {"ENV_X", "x"}};
  drover::config::LoadResult result =
      drover::config::load_text(text, "/nonexistent/fuzz/supervisord.conf", env);
  if (!result.model && result.errors.empty()) {
    __builtin_trap();
  }
  return 0;
}
