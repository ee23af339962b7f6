#pragma once

#include "base/result.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace drover::config {

// supervisord's `environment` syntax (datatypes.dict_of_key_value_pairs):
// KEY="value",KEY2=value2, read with a non-POSIX shlex whose word characters
// are letters, digits and _/.+-():. A quoted value may hold commas and
// spaces; its surrounding quotes are dropped. Later keys replace earlier ones
// in place, as a Python dict does.
Result<std::vector<std::pair<std::string, std::string>>> parse_supervisord_environment(
    std::string_view text);

// A comma-separated list, each item trimmed, empty items dropped
// (datatypes.list_of_strings). Each item's offset in `text` is kept so that
// errors can point at it.
std::vector<std::pair<std::string, size_t>> split_ini_list(std::string_view text);

}  // namespace drover::config
