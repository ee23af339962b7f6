#pragma once

#include <functional>
#include <string_view>

namespace drover::api {

// Where the API writes its warnings: one line, no trailing newline.
using LogSink = std::function<void(std::string_view line)>;

}  // namespace drover::api
