#include "core/capture_scanner.h"

#include <algorithm>

namespace drover::core {
namespace {

// The length of the longest proper prefix of `token` that `text` ends with.
size_t partial_token_at_end(std::string_view text, std::string_view token) {
  for (size_t n = std::min(text.size(), token.size() - 1); n > 0; --n) {
    if (text.substr(text.size() - n) == token.substr(0, n)) {
      return n;
    }
  }
  return 0;
}

}  // namespace

// Ordinary bytes extend the last Output piece; captured ones the message,
// trimmed from the front to max_bytes.
void CaptureScanner::take(std::string_view bytes, std::vector<Piece>& out) {
  if (bytes.empty()) {
    return;
  }
  if (capturing_) {
    captured_.append(bytes);
    if (captured_.size() > max_bytes_) {
      captured_.erase(0, captured_.size() - max_bytes_);
    }
  } else if (!out.empty() && out.back().kind == Piece::Kind::Output) {
    out.back().bytes.append(bytes);
  } else {
    out.push_back({Piece::Kind::Output, std::string(bytes)});
  }
}

std::vector<CaptureScanner::Piece> CaptureScanner::feed(std::string_view bytes) {
  std::string data = std::move(held_);
  held_.clear();
  data.append(bytes);
  std::vector<Piece> out;
  std::string_view rest = data;
  while (!rest.empty()) {
    std::string_view token = capturing_ ? kEnd : kBegin;
    size_t at = rest.find(token);
    if (at == std::string_view::npos) {
      size_t keep = partial_token_at_end(rest, token);
      take(rest.substr(0, rest.size() - keep), out);
      held_ = std::string(rest.substr(rest.size() - keep));
      break;
    }
    take(rest.substr(0, at), out);
    if (capturing_) {
      out.push_back({Piece::Kind::Message, std::move(captured_)});
      captured_.clear();
    }
    capturing_ = !capturing_;
    rest.remove_prefix(at + token.size());
  }
  return out;
}

std::string CaptureScanner::finish() {
  std::string rest = capturing_ ? std::string() : std::move(held_);
  held_.clear();
  captured_.clear();
  capturing_ = false;
  return rest;
}

}  // namespace drover::core
