#include "runtime/container/frame_demuxer.h"

#include <algorithm>

namespace drover::runtime {

void FrameDemuxer::feed(std::string_view bytes) {
  while (!bytes.empty()) {
    if (payload_left_ > 0) {
      size_t take = std::min<size_t>(payload_left_, bytes.size());
      sink_(stream_, bytes.substr(0, take));
      payload_left_ -= static_cast<uint32_t>(take);
      bytes.remove_prefix(take);
      continue;
    }
    size_t take = std::min(header_.size() - header_size_, bytes.size());
    std::copy_n(bytes.begin(), take, header_.begin() + static_cast<ptrdiff_t>(header_size_));
    header_size_ += take;
    bytes.remove_prefix(take);
    if (header_size_ < header_.size()) {
      return;
    }
    header_size_ = 0;
    // stdin frames (type 0) only appear when stdin is attached; drover never
    // attaches it, so anything but stderr counts as stdout.
    stream_ = header_[0] == 2 ? Stream::Stderr : Stream::Stdout;
    payload_left_ = (uint32_t{header_[4]} << 24) | (uint32_t{header_[5]} << 16) |
                    (uint32_t{header_[6]} << 8) | uint32_t{header_[7]};
  }
}

}  // namespace drover::runtime
