// Python %-formatting with a mapping, reduced to the conversions that make
// sense for supervisord's names. Each conversion is parsed the way Python's
// PyUnicode_Format reads it: "%(" name ")" flags width [.precision] type.
#include "config/ini_expand.h"

#include "base/did_you_mean.h"

#include <cstdio>
#include <vector>

namespace drover::config {
namespace {

struct Conversion {
  std::string name;
  std::string flags;  // Of "#0- +".
  std::string width;
  std::string precision;  // Without the ".".
  char type = 's';
};

std::string available_names(const IniExpansions& names) {
  std::string out;
  bool env = false;
  for (const auto& [name, value] : names) {
    if (name.rfind("ENV_", 0) == 0) {
      env = true;
      continue;
    }
    out += out.empty() ? name : ", " + name;
  }
  if (env) {
    out += out.empty() ? "ENV_<variable>" : ", ENV_<variable>";
  }
  return out;
}

// Reads the conversion after "%(" at text[i]; i ends past its type letter.
Result<Conversion> read_conversion(std::string_view text, size_t& i) {
  Conversion c;
  size_t close = text.find(')', i);
  if (close == std::string_view::npos) {
    return make_error(Errc::InvalidConfig, "\"%(\" without a closing \")\"");
  }
  c.name = std::string(text.substr(i, close - i));
  i = close + 1;
  while (i < text.size() && std::string_view("#0- +").find(text[i]) != std::string_view::npos) {
    c.flags += text[i++];
  }
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    c.width += text[i++];
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      c.precision += text[i++];
    }
  }
  if (i >= text.size()) {
    return make_error(Errc::InvalidConfig, "incomplete format \"%(" + c.name + ")\"");
  }
  c.type = text[i++];
  if (std::string_view("srdiuxXo").find(c.type) == std::string_view::npos) {
    return make_error(Errc::InvalidConfig, std::string("unsupported format character '") + c.type +
                                               "' after %(" + c.name + ")");
  }
  if (c.width.size() > 4 || c.precision.size() > 4) {
    return make_error(Errc::InvalidConfig, "format width too large after %(" + c.name + ")");
  }
  return c;
}

std::string format_number(const Conversion& c, long long value) {
  char type = c.type == 'i' || c.type == 'u' ? 'd' : c.type;
  std::string spec = "%" + c.flags + c.width + (c.precision.empty() ? "" : "." + c.precision) +
                     "ll" + std::string(1, type);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, spec.c_str(), value);
  return buffer;
}

std::string format_text(const Conversion& c, std::string text) {
  if (c.type == 'r') {
    text = "'" + text + "'";
  }
  if (!c.precision.empty()) {
    text = text.substr(0, std::stoul(c.precision));
  }
  size_t width = c.width.empty() ? 0 : std::stoul(c.width);
  if (text.size() < width) {
    bool left = c.flags.find('-') != std::string::npos;
    std::string pad(width - text.size(), ' ');
    text = left ? text + pad : pad + text;
  }
  return text;
}

Result<std::string> format_one(const Conversion& c, const IniExpansions& names) {
  auto found = names.find(c.name);
  if (found == names.end()) {
    std::vector<std::string> known;
    for (const auto& [name, value] : names) {
      known.push_back(name);
    }
    return make_error(Errc::InvalidConfig, "cannot expand %(" + c.name + ")" +
                                               did_you_mean(c.name, known) +
                                               "; available names: " + available_names(names));
  }
  const IniExpansion& value = found->second;
  if (c.type == 's' || c.type == 'r') {
    return format_text(c, value.number ? std::to_string(*value.number) : value.text);
  }
  if (!value.number) {
    return make_error(Errc::InvalidConfig, std::string("%(") + c.name + ")" + c.type +
                                               " needs a number, but " + c.name +
                                               " is text; use %(" + c.name + ")s");
  }
  return format_number(c, *value.number);
}

}  // namespace

Result<std::string> expand_ini_value(std::string_view text, const IniExpansions& names) {
  std::string out;
  size_t i = 0;
  while (i < text.size()) {
    size_t percent = text.find('%', i);
    if (percent == std::string_view::npos) {
      out.append(text.substr(i));
      break;
    }
    out.append(text.substr(i, percent - i));
    i = percent + 1;
    if (i < text.size() && text[i] == '%') {
      out += '%';
      ++i;
      continue;
    }
    if (i >= text.size() || text[i] != '(') {
      return make_error(Errc::InvalidConfig,
                        "a lone \"%\" must be written \"%%\" (supervisord expands %(name)s)");
    }
    ++i;
    Result<Conversion> conversion = read_conversion(text, i);
    if (!conversion) {
      return conversion.error();
    }
    Result<std::string> piece = format_one(*conversion, names);
    if (!piece) {
      return piece.error();
    }
    out += *piece;
  }
  return out;
}

}  // namespace drover::config
