// Durations and sizes as users write them: parsing never crashes.
#include "base/duration.h"
#include "base/size.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)drover::parse_duration(text);
  (void)drover::parse_size(text);
  return 0;
}
