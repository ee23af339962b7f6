#pragma once

#include "base/result.h"

#include <string>
#include <string_view>

namespace drover {

// "TERM", "SIGTERM", "term" and "15" all give SIGTERM. Unknown names are an
// error listing a few valid ones.
Result<int> parse_signal(std::string_view text);

// "TERM" for SIGTERM; the number as text for signals without a name.
std::string signal_name(int signo);

}  // namespace drover
