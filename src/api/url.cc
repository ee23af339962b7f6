// Percent-decoding for paths and query strings, shared by the router and the
// handlers that take query parameters.
#include "api/url.h"

namespace drover::api {
int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+' && plus_is_space) {
      out += ' ';
      continue;
    }
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> parse_query(std::string_view target) {
  std::vector<std::pair<std::string, std::string>> params;
  size_t question = target.find('?');
  if (question == std::string_view::npos) {
    return params;
  }
  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (pair.empty()) {
      continue;
    }
    size_t equals = pair.find('=');
    std::optional<std::string> key = percent_decode(pair.substr(0, equals), true);
    std::optional<std::string> value = percent_decode(
        equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1), true);
    if (!key || !value) {
      return make_error(Errc::InvalidArgument,
                        "malformed query parameter \"" + std::string(pair) + "\"");
    }
    params.emplace_back(std::move(*key), std::move(*value));
  }
  return params;
}

}  // namespace drover::api
