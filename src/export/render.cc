// The YAML text of exported objects: block style, insertion order, strings
// quoted only where YAML would read them as something else.
#include "export/export.h"
#include "export/yaml_text.h"

#include <algorithm>
#include <cctype>

namespace drover::exporter {
namespace {

constexpr const char* kIntegerTag = "!drover-integer";

void emit(YAML::Emitter& out, const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      out << YAML::BeginMap;
      for (const auto& entry : node) {
        out << YAML::Key;
        emit(out, entry.first);
        out << YAML::Value;
        emit(out, entry.second);
      }
      out << YAML::EndMap;
      return;
    case YAML::NodeType::Sequence:
      out << YAML::BeginSeq;
      for (const auto& item : node) {
        emit(out, item);
      }
      out << YAML::EndSeq;
      return;
    case YAML::NodeType::Scalar:
      if (!integer_node(node) && looks_typed(node.Scalar())) {
        out << YAML::DoubleQuoted;
      }
      out << node.Scalar();
      return;
    default:
      out << YAML::Null;
  }
}

}  // namespace

YAML::Node integer(long long value) {
  YAML::Node node(value);
  node.SetTag(kIntegerTag);
  return node;
}

bool integer_node(const YAML::Node& node) { return node.Tag() == kIntegerTag; }

bool looks_typed(std::string_view text) {
  std::string lower;
  for (char c : text) {
    lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  static const char* const kWords[] = {"",   "~",  "null", "true", "false", "yes",
                                       "no", "on", "off",  "y",    "n"};
  for (const char* word : kWords) {
    if (lower == word) {
      return true;
    }
  }
  // Anything made only of number characters (digits, sign, point, exponent,
  // base prefixes, sexagesimal colons) and holding a digit could be read as a
  // number by some YAML 1.1 or 1.2 reader: quote it. ".inf"/".nan" too.
  if (lower.ends_with(".inf") || lower.ends_with(".nan")) {
    return lower.size() <= 5;
  }
  bool digit = false;
  for (char c : lower) {
    digit = digit || (c >= '0' && c <= '9');
    if (std::string_view("0123456789+-._:eoxabcdf").find(c) == std::string_view::npos) {
      return false;
    }
  }
  return digit && (lower[0] == '+' || lower[0] == '-' || lower[0] == '.' ||
                   (lower[0] >= '0' && lower[0] <= '9'));
}

std::string render(const std::vector<Manifest>& objects) {
  std::string text;
  for (const Manifest& object : objects) {
    YAML::Emitter out;
    out.SetIndent(2);
    out.SetSeqFormat(YAML::Block);
    emit(out, object.body);
    text += "---\n";
    text += out.c_str();
    text += "\n";
  }
  return text;
}

std::string file_name(const Manifest& object) {
  std::string kind = object.kind;
  std::transform(kind.begin(), kind.end(), kind.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return object.name + "-" + kind + ".yaml";
}

}  // namespace drover::exporter
