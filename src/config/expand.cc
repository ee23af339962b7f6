// ${VAR} expansion. It follows docker compose's syntax because that is what
// users of a compose-like file will type; unsupported forms (${VAR:?err},
// ${VAR:+x}) are errors rather than being passed through half-expanded.
#include "config/expand.h"

#include <cctype>

namespace drover::config {
namespace {

constexpr int kMaxNesting = 8;  // ${A:-${B:-...}}; deeper is surely a mistake.

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The index of the "}" closing a reference whose body starts at `from`, or
// npos. Nested "${" inside a default are skipped over.
size_t closing_brace(std::string_view text, size_t from) {
  int depth = 0;
  for (size_t i = from; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      ++depth;
      ++i;
    } else if (text[i] == '}') {
      if (depth == 0) {
        return i;
      }
      --depth;
    }
  }
  return std::string_view::npos;
}

Error expand_error(std::string message) {
  return make_error(Errc::InvalidConfig, std::move(message));
}

Result<std::string> expand(std::string_view text, const Environment& env, int nesting);

// `body` is what stands between "${" and "}".
Result<std::string> expand_reference(std::string_view body, const Environment& env, int nesting) {
  size_t name_end = 0;
  while (name_end < body.size() && is_name_char(body[name_end])) {
    ++name_end;
  }
  std::string name(body.substr(0, name_end));
  std::string_view rest = body.substr(name_end);
  std::string written = "\"${" + std::string(body) + "}\"";
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) {
    return expand_error("invalid variable name in " + written);
  }
  auto found = env.find(name);
  if (rest.empty()) {
    if (found == env.end()) {
      return expand_error("variable " + name + " is not set; use ${" + name +
                          ":-} for an empty default");
    }
    return found->second;
  }
  bool colon = rest.substr(0, 2) == ":-";
  if (!colon && rest[0] != '-') {
    return expand_error("unsupported expansion " + written +
                        "; use ${NAME}, ${NAME:-default} or ${NAME-default}");
  }
  bool use_default = found == env.end() || (colon && found->second.empty());
  if (!use_default) {
    return found->second;
  }
  if (nesting >= kMaxNesting) {
    return expand_error("defaults nested more than " + std::to_string(kMaxNesting) +
                        " levels deep");
  }
  return expand(rest.substr(colon ? 2 : 1), env, nesting + 1);
}

Result<std::string> expand(std::string_view text, const Environment& env, int nesting) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if (text[i] != '$' || (next != '$' && next != '{')) {
      out += text[i];
      continue;
    }
    if (next == '$') {
      out += '$';
      ++i;
      continue;
    }
    size_t close = closing_brace(text, i + 2);
    if (close == std::string_view::npos) {
      return expand_error("unterminated \"${\"; expected \"}\"");
    }
    Result<std::string> value = expand_reference(text.substr(i + 2, close - i - 2), env, nesting);
    if (!value) {
      return value.error();
    }
    out += *value;
    i = close;
  }
  return out;
}

void expand_node(Node& node, const Environment& env, const std::string& field, Errors& errors) {
  if (node.is_scalar()) {
    Result<std::string> value = expand(node.text, env, 0);
    if (value) {
      node.text = std::move(*value);
    } else {
      errors.push_back(config_error(node.at, field, value.error().message));
      node.reported = true;
    }
  }
  for (size_t i = 0; i < node.items.size(); ++i) {
    expand_node(node.items[i], env, field + "[" + std::to_string(i) + "]", errors);
  }
  for (MapEntry& entry : node.entries) {
    expand_node(entry.value, env, join_field(field, entry.key), errors);
  }
}

}  // namespace

Result<std::string> expand_variables(std::string_view text, const Environment& env) {
  return expand(text, env, 0);
}

void expand_tree(Node& root, const Environment& env, Errors& errors) {
  expand_node(root, env, "", errors);
}

}  // namespace drover::config
