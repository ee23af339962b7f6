// drover.yaml: any text gives a model or errors with locations, never a crash.
#include "config_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return drover::fuzz::load_any_text(data, size, "/nonexistent/fuzz/drover.yaml",
                                     {{"HOME", "/root"}, {"PORT", "8080"}});
}
