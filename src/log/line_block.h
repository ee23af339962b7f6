#pragma once

#include "core/log_entry.h"

#include <cstdint>
#include <string_view>

namespace drover::log {

// A run of whole lines of one service's stream that arrived together: the
// unit the log pipeline moves, so that the per-byte path does no per-line
// work. `text` is the lines each followed by '\n'. A piece of a line longer
// than max_line travels alone (lines == 1) with `continued` set when more of
// its line follows.
struct LineBlock {
  std::string_view text;
  size_t lines = 0;
  uint64_t first_sequence = 0;  // The sequence of the first line; the rest follow by one.
  int64_t time_ms = 0;
  core::LogStream stream = core::LogStream::Stdout;
  bool continued = false;
};

// Calls visit(line, sequence) for each line of `block`, without its newline.
template <typename Visit>
void for_each_line(const LineBlock& block, Visit&& visit) {
  std::string_view rest = block.text;
  uint64_t sequence = block.first_sequence;
  while (!rest.empty()) {
    size_t newline = rest.find('\n');
    visit(rest.substr(0, newline), sequence++);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
  }
}

}  // namespace drover::log
