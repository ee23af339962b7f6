// supervisord.conf: any text gives a model or errors with locations, never a
// crash. Includes resolve under a directory that does not exist.
#include "config_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  return drover::fuzz::load_any_text(data, size, "/nonexistent/fuzz/supervisord.conf",
                                     {{"HOME", "/root"}, {"ENV_X", "x"}});
}
