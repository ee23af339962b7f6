// The yaml-cpp adapter. yaml-cpp reports problems by throwing and shares
// aliased nodes (even cyclically: `&a [*a]`), so this file converts its node
// graph into an owned, located tree under explicit depth and size limits and
// turns every exception into an Error. Nothing above this file knows yaml-cpp.
#include "config/yaml_parser.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <set>

namespace drover::config {
namespace {

constexpr int kMaxDepth = 64;          // Real configs nest about 4 deep.
constexpr size_t kMaxValues = 100000;  // 1000 services use about 10000; stops alias bombs.

SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  if (mark.line < 0 || mark.column < 0) {
    return SourceLocation{file, 0, 0};
  }
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

class Converter {
 public:
  Converter(const std::string& file, Errors& errors) : file_(file), errors_(errors) {}

  // True once a limit was hit: the tree is then incomplete and must not be used.
  bool limit_hit() const { return limit_reported_; }

  Node convert(const YAML::Node& in, const std::string& field, int depth) {
    Node out;
    out.at = location(file_, in.Mark());
    if (limit_reported_) {
      return out;
    }
    if (++values_ > kMaxValues || depth > kMaxDepth) {
      report_limit(out.at, depth > kMaxDepth);
      return out;
    }
    if (in.IsScalar()) {
      out.kind = Node::Kind::Scalar;
      out.text = in.Scalar();
    } else if (in.IsSequence()) {
      out.kind = Node::Kind::List;
      size_t index = 0;
      for (auto it = in.begin(); it != in.end() && !limit_reported_; ++it, ++index) {
        out.items.push_back(convert(*it, field + "[" + std::to_string(index) + "]", depth + 1));
      }
    } else if (in.IsMap()) {
      out.kind = Node::Kind::Map;
      convert_map(in, field, depth, out);
    }
    return out;
  }

 private:
  void convert_map(const YAML::Node& in, const std::string& field, int depth, Node& out) {
    std::set<std::string> seen;
    for (auto it = in.begin(); it != in.end() && !limit_reported_; ++it) {
      SourceLocation key_at = location(file_, it->first.Mark());
      if (!it->first.IsScalar() || it->first.Scalar().empty()) {
        errors_.push_back(config_error(key_at, field, "keys must be non-empty strings"));
        continue;
      }
      std::string key = it->first.Scalar();
      std::string key_field = join_field(field, key);
      if (!seen.insert(key).second) {
        errors_.push_back(config_error(key_at, key_field, "duplicate key; " + first_at(out, key)));
        continue;
      }
      Node value = convert(it->second, key_field, depth + 1);
      if (value.is_null()) {
        value.at = key_at;  // yaml-cpp marks an empty value at the next token.
      }
      out.entries.push_back(MapEntry{std::move(key), key_at, std::move(value)});
    }
  }

  static std::string first_at(const Node& map, const std::string& key) {
    for (const MapEntry& entry : map.entries) {
      if (entry.key == key) {
        return "first defined at line " + std::to_string(entry.key_at.line);
      }
    }
    return "defined twice";
  }

  // No field: the path of a runaway value is noise.
  void report_limit(const SourceLocation& at, bool too_deep) {
    if (limit_reported_) {
      return;
    }
    limit_reported_ = true;
    errors_.push_back(config_error(
        at, "",
        too_deep
            ? "nested more than " + std::to_string(kMaxDepth) + " levels deep"
            : "more than " + std::to_string(kMaxValues) + " values (after expanding aliases)"));
  }

  const std::string& file_;
  Errors& errors_;
  size_t values_ = 0;
  bool limit_reported_ = false;
};

// yaml-cpp's messages for tabs in indentation vary ("illegal map value", "end
// of map not found"), so when parsing failed, look for the usual cause first.
std::optional<SourceLocation> find_indenting_tab(std::string_view text, const std::string& file,
                                                 int last_line) {
  int line = 1;
  size_t start = 0;
  while (start <= text.size() && (last_line <= 0 || line <= last_line)) {
    size_t end = std::min(text.find('\n', start), text.size());
    size_t indent_end = text.find_first_not_of(" \t", start);
    std::string_view indent = text.substr(start, std::min(indent_end, end) - start);
    if (size_t tab = indent.find('\t'); tab != std::string_view::npos && indent_end < end) {
      return SourceLocation{file, line, static_cast<int>(tab) + 1};
    }
    start = end + 1;
    ++line;
  }
  return std::nullopt;
}

Error syntax_error(std::string_view text, const std::string& file, const YAML::ParserException& e) {
  SourceLocation at = location(file, e.mark);
  if (auto tab = find_indenting_tab(text, file, at.line > 0 ? at.line + 1 : 0)) {
    return config_error(*tab, "", "invalid YAML: tab character in indentation; indent with spaces");
  }
  return config_error(at, "", "invalid YAML: " + e.msg);
}

std::optional<Node> convert_documents(const std::vector<YAML::Node>& documents,
                                      const std::string& file, Errors& errors) {
  if (documents.empty() || (documents.size() == 1 && documents[0].IsNull())) {
    errors.push_back(config_error(SourceLocation{file, 1, 1}, "",
                                  "the file is empty; expected a map with a \"services\" key"));
    return std::nullopt;
  }
  if (documents.size() > 1) {
    errors.push_back(config_error(location(file, documents[1].Mark()), "",
                                  "a second YAML document; a config file holds exactly one"));
    return std::nullopt;
  }
  Converter converter(file, errors);
  Node root = converter.convert(documents[0], "", 0);
  if (converter.limit_hit()) {
    return std::nullopt;
  }
  return root;
}

}  // namespace

std::optional<Node> parse_yaml(std::string_view text, const std::string& file, Errors& errors) {
  try {
    return convert_documents(YAML::LoadAll(std::string(text)), file, errors);
  } catch (const YAML::DeepRecursion& e) {
    errors.push_back(config_error(location(file, e.mark), "", "invalid YAML: nested too deeply"));
  } catch (const YAML::ParserException& e) {
    errors.push_back(syntax_error(text, file, e));
  } catch (const std::exception& e) {  // YAML::Exception and std::bad_alloc alike.
    errors.push_back(
        config_error(SourceLocation{file, 0, 0}, "", std::string("cannot read YAML: ") + e.what()));
  }
  return std::nullopt;
}

}  // namespace drover::config
