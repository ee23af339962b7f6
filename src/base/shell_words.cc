// A small POSIX word splitter. It exists because `command: gunicorn app:wsgi
// --bind 0.0.0.0:8000` must run without /bin/sh (no extra process between
// drover and the service, so signals reach the service directly).
#include "base/shell_words.h"

#include <cctype>

namespace drover {
namespace {

Error unterminated(char quote, size_t column) {
  return make_error(Errc::InvalidArgument,
                    std::string("unterminated ") + (quote == '\'' ? "single" : "double") +
                        " quote opened at column " + std::to_string(column + 1));
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

Result<std::vector<std::string>> split_shell_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (is_blank(c)) {
      if (in_word) {
        words.push_back(std::move(word));
        word.clear();
        in_word = false;
      }
      continue;
    }
    if (c == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;  // A line continuation: it joins, but neither starts nor ends a word.
      continue;
    }
    in_word = true;
    if (c == '\\') {
      // A backslash at the very end of the text stays literal, as sh leaves it.
      word += i + 1 < text.size() ? text[++i] : '\\';
      continue;
    }
    if (c == '\'') {
      size_t close = text.find('\'', i + 1);
      if (close == std::string_view::npos) {
        return unterminated(c, i);
      }
      word.append(text.substr(i + 1, close - i - 1));
      i = close;
      continue;
    }
    if (c == '"') {
      size_t open = i;
      for (++i; i < text.size() && text[i] != '"'; ++i) {
        if (text[i] == '\\' && i + 1 < text.size() &&
            std::string_view("\"\\$`\n").find(text[i + 1]) != std::string_view::npos) {
          ++i;
          if (text[i] == '\n') {
            continue;
          }
        }
        word += text[i];
      }
      if (i >= text.size()) {
        return unterminated('"', open);
      }
      continue;
    }
    word += c;
  }
  if (in_word) {
    words.push_back(std::move(word));
  }
  return words;
}

std::string quote_shell_word(std::string_view word) {
  if (word.empty()) {
    return "''";
  }
  bool plain = true;
  for (char c : word) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) ||
          std::string_view("@%+=:,./-_").find(c) != std::string_view::npos)) {
      plain = false;
      break;
    }
  }
  return plain ? std::string(word) : single_quote_shell_word(word);
}

std::string single_quote_shell_word(std::string_view word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string join_shell_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) {
      out += ' ';
    }
    out += quote_shell_word(word);
  }
  return out;
}

}  // namespace drover
