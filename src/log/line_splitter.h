#pragma once

#include <algorithm>
#include <cstring>
#include <string>
#include <string_view>

namespace drover::log {

// The number of '\n' in `bytes`.
size_t count_newlines(std::string_view bytes);

// Cuts a byte stream into lines, handed out in blocks: emit(std::string_view
// lines, size_t count, bool continued) gets `count` whole lines, each
// followed by '\n'. Most of a chunk goes out as one block straight from the
// caller's bytes, so a fast writer costs a few calls per chunk, not per line.
//
// A partial line is held until its newline arrives or flush() is called (the
// process ended); a line longer than `max_line` is emitted in pieces of that
// size, one per block, each but the last marked as continued.
class LineSplitter {
 public:
  explicit LineSplitter(size_t max_line = 64 * 1024) : max_line_(max_line) {}

  template <typename Emit>
  void feed(std::string_view bytes, Emit&& emit) {
    if (!partial_.empty()) {
      const void* newline = std::memchr(bytes.data(), '\n', bytes.size());
      if (newline == nullptr) {
        hold(bytes, emit);
        return;
      }
      size_t end = static_cast<size_t>(static_cast<const char*>(newline) - bytes.data());
      partial_.append(bytes.substr(0, end));
      emit_line(partial_, emit);
      partial_.clear();
      bytes.remove_prefix(end + 1);
    }
    size_t last = bytes.rfind('\n');
    size_t whole = last == std::string_view::npos ? 0 : last + 1;
    emit_whole_lines(bytes.substr(0, whole), emit);
    hold(bytes.substr(whole), emit);
  }

  template <typename Emit>
  void flush(Emit&& emit) {
    if (!partial_.empty()) {
      emit_line(partial_, emit);
      partial_.clear();
    }
  }

  bool has_partial() const { return !partial_.empty(); }

 private:
  // `lines` ends with '\n'. Lines within max_line go out as one block; the
  // check jumps from line start to line start max_line + 1 bytes ahead and
  // looks back for a newline, so it reads a few bytes per max_line, not all.
  template <typename Emit>
  void emit_whole_lines(std::string_view lines, Emit& emit) {
    size_t block_start = 0;
    size_t at = 0;
    while (at < lines.size()) {
      std::string_view window = lines.substr(at, std::min(max_line_, lines.size()) + 1);
      size_t newline = window.rfind('\n');
      if (newline != std::string_view::npos) {
        at += newline + 1;
        continue;
      }
      emit_block(lines.substr(block_start, at - block_start), emit);
      size_t end = lines.find('\n', at);
      emit_line(lines.substr(at, end - at), emit);
      at = end + 1;
      block_start = at;
    }
    emit_block(lines.substr(block_start), emit);
  }

  template <typename Emit>
  void emit_block(std::string_view block, Emit& emit) {
    if (!block.empty()) {
      emit(block, count_newlines(block), false);
    }
  }

  // One line without its newline, cut into pieces when longer than max_line.
  template <typename Emit>
  void emit_line(std::string_view line, Emit& emit) {
    while (line.size() > max_line_) {
      emit_piece(line.substr(0, max_line_), true, emit);
      line.remove_prefix(max_line_);
    }
    emit_piece(line, false, emit);
  }

  template <typename Emit>
  void emit_piece(std::string_view piece, bool continued, Emit& emit) {
    piece_.assign(piece);
    piece_.push_back('\n');
    emit(std::string_view(piece_), size_t{1}, continued);
  }

  template <typename Emit>
  void hold(std::string_view piece, Emit& emit) {
    partial_.append(piece);
    while (partial_.size() >= max_line_) {
      emit_piece(std::string_view(partial_).substr(0, max_line_), true, emit);
      partial_.erase(0, max_line_);
    }
  }

  size_t max_line_;
  std::string partial_;
  std::string piece_;  // A line or piece with its newline, when not in the caller's bytes.
};

}  // namespace drover::log
