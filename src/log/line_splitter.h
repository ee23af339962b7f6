#pragma once

#include <string>
#include <string_view>

namespace drover::log {

// Cuts a byte stream into lines. A partial line is held until its newline
// arrives or flush() is called (the process ended); a line longer than
// `max_line` is emitted in pieces of that size, each marked as continued.
// emit(std::string_view line, bool continued) gets lines without the newline.
class LineSplitter {
 public:
  explicit LineSplitter(size_t max_line = 64 * 1024) : max_line_(max_line) {}

  template <typename Emit>
  void feed(std::string_view bytes, Emit&& emit) {
    while (!bytes.empty()) {
      size_t newline = bytes.find('\n');
      std::string_view piece = bytes.substr(0, newline);
      if (newline == std::string_view::npos) {
        hold(piece, emit);
        return;
      }
      if (partial_.empty()) {
        emit_bounded(piece, emit);  // The common case: no copy.
      } else {
        partial_.append(piece);
        emit_bounded(partial_, emit);
        partial_.clear();
      }
      bytes.remove_prefix(newline + 1);
    }
  }

  template <typename Emit>
  void flush(Emit&& emit) {
    if (!partial_.empty()) {
      emit_bounded(partial_, emit);
      partial_.clear();
    }
  }

  bool has_partial() const { return !partial_.empty(); }

 private:
  template <typename Emit>
  void hold(std::string_view piece, Emit& emit) {
    partial_.append(piece);
    while (partial_.size() >= max_line_) {
      emit(std::string_view(partial_).substr(0, max_line_), true);
      partial_.erase(0, max_line_);
    }
  }

  template <typename Emit>
  void emit_bounded(std::string_view line, Emit& emit) {
    while (line.size() > max_line_) {
      emit(line.substr(0, max_line_), true);
      line.remove_prefix(max_line_);
    }
    emit(line, false);
  }

  size_t max_line_;
  std::string partial_;
};

}  // namespace drover::log
