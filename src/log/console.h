#pragma once

#include <string>
#include <string_view>

namespace drover::log {

// The unified stream on drover's stdout: every service's lines as
// "name | line", names padded to a common width, one colour per service when
// the stream is a terminal and NO_COLOR is unset. Lines are buffered and
// written with one write() per flush(), so lines never interleave mid-line.
class Console {
 public:
  Console(int fd, bool color);

  void set_name_width(size_t width) { name_width_ = width; }
  void append(std::string_view name, size_t color_index, std::string_view line);
  void flush();

 private:
  int fd_;
  bool color_;
  size_t name_width_ = 0;
  std::string buffer_;
};

// Whether `fd` should get colour: a terminal, and NO_COLOR is not set.
bool wants_color(int fd);

}  // namespace drover::log
