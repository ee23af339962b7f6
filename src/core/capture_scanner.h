#pragma once

// supervisord's capture mode (`stdout_capture_maxbytes` > 0; issue #6, 2c),
// pure: what a service writes between <!--XSUPERVISOR:BEGIN--> and
// <!--XSUPERVISOR:END--> is not logged but becomes one
// PROCESS_COMMUNICATION_STDOUT/STDERR event. Tokens may be cut anywhere by
// reads, so a tail that could begin one is held back until the next bytes.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace drover::core {

class CaptureScanner {
 public:
  // A captured message keeps its last `max_bytes` bytes, as supervisord's
  // bounded capture log does.
  explicit CaptureScanner(uint64_t max_bytes) : max_bytes_(max_bytes) {}

  struct Piece {
    enum class Kind { Output, Message } kind;
    std::string bytes;  // Output: ordinary bytes to log; Message: a whole captured message.
    bool operator==(const Piece&) const = default;
  };

  // The pieces `bytes` completes, in order. Adjacent ordinary bytes come as
  // one Output piece.
  std::vector<Piece> feed(std::string_view bytes);
  // The end of the stream: held-back bytes outside a message are output; an
  // unfinished message is dropped (its process is gone). Resets the scanner.
  std::string finish();

  static constexpr std::string_view kBegin = "<!--XSUPERVISOR:BEGIN-->";
  static constexpr std::string_view kEnd = "<!--XSUPERVISOR:END-->";

 private:
  void take(std::string_view bytes, std::vector<Piece>& out);

  uint64_t max_bytes_;
  bool capturing_ = false;
  std::string held_;      // A tail that may be the start of the next token.
  std::string captured_;  // The message so far.
};

}  // namespace drover::core
