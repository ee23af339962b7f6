// Cron expressions from configs: parsing never crashes, and the next run
// after an instant is always later than it.
#include "core/cron_expression.h"
#include "core/cron_schedule.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto cron = drover::core::parse_cron(text);
  if (!cron) {
    return 0;
  }
  drover::core::ZoneRules utc;
  utc.name = "UTC";
  drover::core::Instant from{std::chrono::seconds(1764720000)};  // 2025-12-03
  std::optional<drover::core::Instant> next = drover::core::next_run(*cron, from, utc);
  if (next && *next <= from) {
    __builtin_trap();
  }
  return 0;
}
