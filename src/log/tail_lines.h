#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace drover::log {

// The last few lines a service printed, kept to explain a failure ("migrate
// failed (exit status 1); its last output: ..."). Bounded in count and in
// bytes per line.
class TailLines {
 public:
  explicit TailLines(size_t max_lines = 20, size_t max_line_bytes = 1024)
      : max_lines_(max_lines), max_line_bytes_(max_line_bytes) {}

  void add(std::string_view line) {
    if (lines_.size() == max_lines_) {
      lines_.pop_front();
    }
    lines_.emplace_back(line.substr(0, max_line_bytes_));
  }
  std::vector<std::string> last(size_t count) const {
    size_t skip = lines_.size() > count ? lines_.size() - count : 0;
    return {lines_.begin() + static_cast<std::ptrdiff_t>(skip), lines_.end()};
  }

 private:
  size_t max_lines_;
  size_t max_line_bytes_;
  std::deque<std::string> lines_;
};

}  // namespace drover::log
