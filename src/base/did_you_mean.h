#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace drover {

// The candidate closest to `word` by edit distance, if it is close enough to
// be a plausible typo (distance <= 1 + len/4); otherwise empty.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean \"restart\"?" or "" when nothing is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace drover
