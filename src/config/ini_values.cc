// Value syntaxes of supervisord that are more than one token.
#include "config/ini_values.h"

#include <algorithm>
#include <cctype>

namespace drover::config {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("_/.+-():").find(c) != std::string_view::npos;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// shlex.shlex(posix=False) tokens: words, quoted strings with their quotes,
// and single punctuation characters; "#" starts a comment to end of line.
Result<std::vector<std::string>> shlex_tokens(std::string_view text) {
  std::vector<std::string> tokens;
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (is_blank(c)) {
      ++i;
    } else if (c == '#') {
      size_t newline = text.find('\n', i);
      i = newline == std::string_view::npos ? text.size() : newline;
    } else if (c == '"' || c == '\'') {
      size_t close = text.find(c, i + 1);
      if (close == std::string_view::npos) {
        return make_error(Errc::InvalidConfig,
                          std::string("no closing quotation (") + c + ") in environment value");
      }
      tokens.emplace_back(text.substr(i, close + 1 - i));
      i = close + 1;
    } else if (is_word_char(c)) {
      size_t start = i;
      while (i < text.size() && is_word_char(text[i])) {
        ++i;
      }
      tokens.emplace_back(text.substr(start, i - start));
    } else {
      tokens.emplace_back(1, c);
      ++i;
    }
  }
  return tokens;
}

std::string strip_quotes(const std::string& text) {
  size_t begin = text.find_first_not_of("'\"");
  if (begin == std::string::npos) {
    return "";
  }
  size_t end = text.find_last_not_of("'\"");
  return text.substr(begin, end + 1 - begin);
}

}  // namespace

Result<std::vector<std::pair<std::string, std::string>>> parse_supervisord_environment(
    std::string_view text) {
  Result<std::vector<std::string>> tokens = shlex_tokens(text);
  if (!tokens) {
    return tokens.error();
  }
  std::vector<std::pair<std::string, std::string>> pairs;
  // Each pair is KEY = VALUE followed by one separator token (the comma).
  for (size_t i = 0; i < tokens->size(); i += 4) {
    if (i + 2 >= tokens->size() || (*tokens)[i + 1] != "=") {
      return make_error(Errc::InvalidConfig,
                        "expected KEY=value pairs separated by commas (quote values that hold "
                        "spaces or commas), got \"" +
                            std::string(text) + "\"");
    }
    std::string key = (*tokens)[i];
    std::string value = strip_quotes((*tokens)[i + 2]);
    auto found = std::find_if(pairs.begin(), pairs.end(),
                              [&key](const auto& pair) { return pair.first == key; });
    if (found != pairs.end()) {
      found->second = std::move(value);
    } else {
      pairs.emplace_back(std::move(key), std::move(value));
    }
  }
  return pairs;
}

std::vector<std::pair<std::string, size_t>> split_ini_list(std::string_view text) {
  std::vector<std::pair<std::string, size_t>> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    size_t end = comma == std::string_view::npos ? text.size() : comma;
    size_t begin = start;
    while (begin < end && is_blank(text[begin])) {
      ++begin;
    }
    size_t last = end;
    while (last > begin && is_blank(text[last - 1])) {
      --last;
    }
    if (last > begin) {
      items.emplace_back(std::string(text.substr(begin, last - begin)), begin);
    }
    if (comma == std::string_view::npos) {
      break;
    }
    start = comma + 1;
  }
  return items;
}

}  // namespace drover::config
