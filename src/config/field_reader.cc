// Typed field reads with located errors. Every reader either returns a value
// or reports exactly one error, so messages are never doubled up.
#include "config/field_reader.h"

#include "base/did_you_mean.h"

#include <climits>

#include <algorithm>
#include <charconv>

namespace drover::config {
namespace {

constexpr size_t kListAllKeysUpTo = 4;  // Longer key lists only clutter the message.
constexpr size_t kMaxQuoted = 60;       // Keeps a message about a long value on one screen line.

// A scalar that is usable, or nullopt after reporting (or when already reported).
const Node* scalar(const Node& value, const std::string& field, const std::string& what,
                   Errors& errors) {
  if (value.reported) {
    return nullptr;
  }
  if (!expect_kind(value, Node::Kind::Scalar, field, what, errors)) {
    return nullptr;
  }
  return &value;
}

}  // namespace

const MapEntry* find_entry(const Node& map, std::string_view key) {
  for (const MapEntry& entry : map.entries) {
    if (entry.key == key) {
      return &entry;
    }
  }
  return nullptr;
}

std::string describe(const Node& value) {
  switch (value.kind) {
    case Node::Kind::Null:
      return "nothing";
    case Node::Kind::Scalar:
      if (value.text.size() > kMaxQuoted) {
        return "\"" + value.text.substr(0, kMaxQuoted) + "...\"";
      }
      return "\"" + value.text + "\"";
    case Node::Kind::List:
      return "a list";
    case Node::Kind::Map:
      return "a map";
  }
  return "a value";
}

std::string join_alternatives(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) {
      out += i + 1 == names.size() ? " or " : ", ";
    }
    out += names[i];
  }
  return out;
}

void check_keys(const Node& map, const std::string& field, const std::vector<std::string>& known,
                Errors& errors) {
  for (const MapEntry& entry : map.entries) {
    if (std::find(known.begin(), known.end(), entry.key) != known.end()) {
      continue;
    }
    std::string hint = did_you_mean(entry.key, known);
    if (hint.empty() && known.size() <= kListAllKeysUpTo) {
      hint = "; expected " + join_alternatives(known);
    }
    errors.push_back(
        config_error(entry.key_at, join_field(field, entry.key), "unknown key" + hint));
  }
}

bool expect_kind(const Node& value, Node::Kind kind, const std::string& field,
                 const std::string& what, Errors& errors) {
  if (value.kind == kind) {
    return true;
  }
  if (value.reported) {
    return false;
  }
  errors.push_back(config_error(value.at, field, "expected " + what + ", got " + describe(value)));
  return false;
}

std::optional<std::string> read_string(const Node& value, const std::string& field,
                                       Errors& errors) {
  const Node* node = scalar(value, field, "a string", errors);
  return node ? std::optional<std::string>(node->text) : std::nullopt;
}

std::optional<std::string> read_nonempty_string(const Node& value, const std::string& field,
                                                Errors& errors) {
  std::optional<std::string> text = read_string(value, field, errors);
  if (text && text->empty()) {
    errors.push_back(config_error(value.at, field, "must not be empty"));
    return std::nullopt;
  }
  return text;
}

std::optional<std::vector<std::string>> read_string_list(const Node& value,
                                                         const std::string& field, Errors& errors) {
  if (!expect_kind(value, Node::Kind::List, field, "a list of strings", errors)) {
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < value.items.size(); ++i) {
    std::optional<std::string> item =
        read_string(value.items[i], field + "[" + std::to_string(i) + "]", errors);
    ok = ok && item.has_value();
    out.push_back(item.value_or(""));
  }
  return ok ? std::optional(std::move(out)) : std::nullopt;
}

std::optional<bool> read_bool(const Node& value, const std::string& field, Errors& errors) {
  const Node* node = scalar(value, field, "true or false", errors);
  if (node == nullptr) {
    return std::nullopt;
  }
  const std::string& text = node->text;
  if (text == "true" || text == "True" || text == "TRUE") {
    return true;
  }
  if (text == "false" || text == "False" || text == "FALSE") {
    return false;
  }
  errors.push_back(config_error(value.at, field, "expected true or false, got " + describe(value)));
  return std::nullopt;
}

std::optional<int> read_int(const Node& value, const std::string& field, int min, int max,
                            const std::string& what, Errors& errors) {
  const Node* node = scalar(value, field, "an integer", errors);
  if (node == nullptr) {
    return std::nullopt;
  }
  const std::string& text = node->text;
  long long number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || end != text.data() + text.size() ||
      (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    errors.push_back(config_error(value.at, field, "expected an integer, got " + describe(value)));
    return std::nullopt;
  }
  bool in_range = ec == std::errc() && number >= min && number <= max;
  if (!in_range && max == INT_MAX && number < min) {
    errors.push_back(
        config_error(value.at, field, "must be " + std::to_string(min) + " or more, got " + text));
  } else if (!in_range) {
    errors.push_back(config_error(value.at, field,
                                  (what.empty() ? "value" : what) + " " + text +
                                      " is out of range " + std::to_string(min) + ".." +
                                      std::to_string(max)));
  }
  if (!in_range) {
    return std::nullopt;
  }
  return static_cast<int>(number);
}

std::optional<Duration> read_duration(const Node& value, const std::string& field, Errors& errors) {
  const Node* node = scalar(value, field, "a duration such as 10s", errors);
  if (node == nullptr) {
    return std::nullopt;
  }
  Result<Duration> duration = parse_duration(node->text);
  if (!duration) {
    errors.push_back(config_error(value.at, field, duration.error().message));
    return std::nullopt;
  }
  return *duration;
}

std::optional<uint64_t> read_size(const Node& value, const std::string& field, Errors& errors) {
  const Node* node = scalar(value, field, "a size such as 10MB", errors);
  if (node == nullptr) {
    return std::nullopt;
  }
  Result<uint64_t> size = parse_size(node->text);
  if (!size) {
    errors.push_back(config_error(value.at, field, size.error().message));
    return std::nullopt;
  }
  return *size;
}

std::optional<size_t> read_choice(const Node& value, const std::string& field,
                                  const std::vector<std::string>& names, Errors& errors) {
  const Node* node = scalar(value, field, "one of " + join_alternatives(names), errors);
  if (node == nullptr) {
    return std::nullopt;
  }
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == node->text) {
      return i;
    }
  }
  errors.push_back(config_error(value.at, field,
                                "unknown value " + describe(value) + "; expected " +
                                    join_alternatives(names) + did_you_mean(node->text, names)));
  return std::nullopt;
}

std::optional<int> parse_port_number(std::string_view text) {
  int port = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (ec != std::errc() || end != text.data() + text.size() || port < 1 || port > 65535) {
    return std::nullopt;
  }
  return port;
}

}  // namespace drover::config
