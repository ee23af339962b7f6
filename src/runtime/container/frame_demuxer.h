#pragma once

#include "runtime/runtime.h"

#include <array>
#include <cstdint>
#include <functional>
#include <string_view>

namespace drover::runtime {

// Splits Docker's multiplexed log/attach stream (a container without a TTY)
// back into stdout and stderr. Each frame is an 8-byte header — stream type
// (0 stdin, 1 stdout, 2 stderr), three zero bytes, a big-endian uint32
// payload size — then the payload. Bytes arrive in arbitrary pieces, so a
// header may be split across reads; payload bytes are passed on as soon as
// they arrive (on_output takes raw bytes, the line pipeline joins them).
class FrameDemuxer {
 public:
  using Sink = std::function<void(Stream, std::string_view)>;

  explicit FrameDemuxer(Sink sink) : sink_(std::move(sink)) {}

  void feed(std::string_view bytes);

  // True between frames: everything fed so far was delivered whole.
  bool at_frame_boundary() const { return header_size_ == 0 && payload_left_ == 0; }

 private:
  Sink sink_;
  std::array<unsigned char, 8> header_{};
  size_t header_size_ = 0;
  uint32_t payload_left_ = 0;
  Stream stream_ = Stream::Stdout;
};

}  // namespace drover::runtime
