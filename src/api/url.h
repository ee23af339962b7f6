#pragma once

#include "base/result.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drover::api {

// The value of one hex digit (either case); -1 for anything else.
int hex_value(char c);

// "%2F"-style escapes decoded; nullopt when an escape is malformed. With
// `plus_is_space` (query strings, HTML-form style) '+' decodes to ' '.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = false);

// The target's query string ("/x?a=1&b=&a=2" -> {a,1},{b,""},{a,2}), decoded,
// in order, repeated keys kept. A key without '=' has the value "". A
// malformed escape is Errc::InvalidArgument naming the parameter.
Result<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view target);

}  // namespace drover::api
