// A line-oriented reader reproducing the parts of Python's configparser that
// supervisord relies on (RawConfigParser, inline_comment_prefixes=(";", "#"),
// strict=False). Hand-written rather than libinih: inih reports no column,
// strips inline comments differently and joins continuation lines with no
// newline, and every one of those differences changes a value (decision 0008).
#include "config/ini_document.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <utility>

namespace drover::config {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

size_t leading_spaces(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && is_space(line[i])) {
    ++i;
  }
  return i;
}

std::string_view trim(std::string_view text) {
  size_t begin = leading_spaces(text);
  size_t end = text.size();
  while (end > begin && is_space(text[end - 1])) {
    --end;
  }
  return text.substr(begin, end - begin);
}

// Cuts an inline comment: ";" or "#" preceded by whitespace (Python 3).
std::string_view strip_inline_comment(std::string_view line) {
  for (size_t i = 1; i < line.size(); ++i) {
    if ((line[i] == ';' || line[i] == '#') && is_space(line[i - 1])) {
      return line.substr(0, i);
    }
  }
  return line;
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string absolute_dir(const std::string& file) {
  std::error_code ec;
  std::filesystem::path path = std::filesystem::absolute(file, ec);
  return (ec ? std::filesystem::path(file) : path).parent_path().lexically_normal().string();
}

class Parser {
 public:
  Parser(const std::string& file, IniDocument& doc, Errors& errors)
      : file_(file), here_(absolute_dir(file)), doc_(doc), errors_(errors) {}

  void line(int number, std::string_view raw) {
    std::string_view full = trim(raw);
    bool comment = !full.empty() && (full[0] == ';' || full[0] == '#');
    std::string_view value = comment ? std::string_view() : trim(strip_inline_comment(raw));
    if (value.empty()) {
      // A blank line inside a value is kept (empty_lines_in_values); a
      // comment line is not.
      if (!comment && entry_ != nullptr) {
        pending_blank_ += '\n';
      }
      return;
    }
    size_t indent = leading_spaces(raw);
    if (entry_ != nullptr && indent > indent_) {
      entry_->value += pending_blank_ + "\n" + std::string(value);
      pending_blank_.clear();
      return;
    }
    pending_blank_.clear();
    indent_ = indent;
    SourceLocation at{file_, number, static_cast<int>(indent) + 1};
    if (value.front() == '[' && value.find(']') != std::string_view::npos && value.find(']') > 1) {
      open_section(std::string(value.substr(1, value.find(']') - 1)), at);
    } else if (section_ == nullptr) {
      errors_.push_back(config_error(at, "", "expected a [section] header before any option"));
    } else {
      option(value, raw, at);
    }
  }

 private:
  void open_section(std::string name, const SourceLocation& at) {
    entry_ = nullptr;
    section_ = doc_.find(name);
    if (section_ == nullptr) {
      doc_.sections.push_back(IniSection{name, at, here_, {}});
      section_ = &doc_.sections.back();
    }
    section_->here = here_;
  }

  void option(std::string_view value, std::string_view raw, const SourceLocation& at) {
    size_t split = value.find_first_of("=:");
    std::string key = lower(trim(value.substr(0, split)));
    if (split == std::string_view::npos || key.empty()) {
      entry_ = nullptr;
      errors_.push_back(config_error(
          at, "[" + section_->name + "]",
          split == std::string_view::npos
              ? "expected \"key = value\", got \"" + std::string(value) + "\""
              : "missing option name before \"" + std::string(1, value[split]) + "\""));
      return;
    }
    std::string_view text = trim(value.substr(split + 1));
    size_t column = text.empty() ? raw.size() : static_cast<size_t>(text.data() - raw.data());
    SourceLocation value_at{file_, at.line, static_cast<int>(column) + 1};
    auto found = std::find_if(section_->entries.begin(), section_->entries.end(),
                              [&key](const IniEntry& e) { return e.key == key; });
    if (found == section_->entries.end()) {
      section_->entries.push_back(IniEntry{key, "", at, value_at});
      found = section_->entries.end() - 1;
    }
    found->value = std::string(text);
    found->key_at = at;
    found->at = value_at;
    entry_ = &*found;
  }

  const std::string& file_;
  std::string here_;
  IniDocument& doc_;
  Errors& errors_;
  IniSection* section_ = nullptr;
  IniEntry* entry_ = nullptr;
  size_t indent_ = 0;
  std::string pending_blank_;
};

}  // namespace

const IniEntry* IniSection::find(std::string_view key) const {
  for (const IniEntry& entry : entries) {
    if (entry.key == key) {
      return &entry;
    }
  }
  return nullptr;
}

const IniSection* IniDocument::find(std::string_view name) const {
  for (const IniSection& section : sections) {
    if (section.name == name) {
      return &section;
    }
  }
  return nullptr;
}

IniSection* IniDocument::find(std::string_view name) {
  return const_cast<IniSection*>(std::as_const(*this).find(name));
}

void parse_ini(std::string_view text, const std::string& file, IniDocument& doc, Errors& errors) {
  // Sections are found by pointer while parsing; reserve so that appends
  // from this file do not move them.
  doc.sections.reserve(doc.sections.size() +
                       static_cast<size_t>(std::count(text.begin(), text.end(), '[')) + 1);
  Parser parser(file, doc, errors);
  int number = 0;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      end = text.size();
    }
    parser.line(++number, text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace drover::config
