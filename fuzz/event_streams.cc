// What services write, read in arbitrary pieces: the event listener
// protocol parser and the capture-mode scanner never crash, and the scanner
// gives the same output and messages however the bytes are cut.
#include "core/capture_scanner.h"
#include "core/event_protocol.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Scanned {
  std::string output;
  std::vector<std::string> messages;
};

Scanned scan(std::string_view bytes, size_t cut) {
  drover::core::CaptureScanner scanner(64);
  Scanned out;
  for (std::string_view part : {bytes.substr(0, cut), bytes.substr(cut)}) {
    for (const auto& piece : scanner.feed(part)) {
      if (piece.kind == drover::core::CaptureScanner::Piece::Kind::Output) {
        out.output += piece.bytes;
      } else {
        out.messages.push_back(piece.bytes);
      }
    }
  }
  out.output += scanner.finish();
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) {
    return 0;
  }
  // The first byte chooses where the rest is cut in two.
  std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t cut = bytes.empty() ? 0 : data[0] % (bytes.size() + 1);
  drover::core::ListenerProtocol protocol;
  (void)protocol.feed(bytes.substr(0, cut));
  (void)protocol.feed(bytes.substr(cut));
  Scanned whole = scan(bytes, bytes.size());
  Scanned split = scan(bytes, cut);
  if (whole.output != split.output || whole.messages != split.messages) {
    __builtin_trap();
  }
  return 0;
}
