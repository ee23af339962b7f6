// The yaml-cpp adapter. It drives yaml-cpp's event parser and builds the
// owned, located Node tree itself, instead of using YAML::Load/LoadAll,
// because in yaml-cpp 0.7:
//  - LoadAll loops forever on a stray "," at document level (yaml-cpp #1040,
//    fixed upstream by PR #1319) and Load silently returns null for it;
//  - loaded nodes share aliased subtrees, even cyclically (`&a [*a]`).
// Building from events lets this file stop after the second document, copy
// aliases against a size budget, refuse an alias inside its own anchor, and
// see duplicate keys. Every yaml-cpp exception is caught here.
#include "config/yaml_parser.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <map>
#include <set>
#include <sstream>

namespace drover::config {
namespace {

constexpr size_t kMaxDepth = 64;       // Real configs nest about 4 deep.
constexpr size_t kMaxValues = 100000;  // 1000 services use about 10000; stops alias bombs.

// Thrown from the handler to abandon a document once it cannot be used.
struct Abandon {};

SourceLocation location(const std::string& file, const YAML::Mark& mark) {
  if (mark.is_null() || mark.line < 0 || mark.column < 0) {
    return SourceLocation{file, 0, 0};
  }
  return SourceLocation{file, mark.line + 1, mark.column + 1};
}

size_t count_values(const Node& node) {
  size_t count = 1;
  for (const Node& item : node.items) {
    count += count_values(item);
  }
  for (const MapEntry& entry : node.entries) {
    count += 1 + count_values(entry.value);
  }
  return count;
}

// Builds one document's tree from parser events.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, Errors& errors) : file_(file), errors_(errors) {}

  bool has_root() const { return root_.has_value(); }
  Node take_root() { return std::move(*root_); }
  const YAML::Mark& root_mark() const { return root_mark_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(mark, leaf(Node::Kind::Null, mark, ""), anchor);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    add(mark, leaf(Node::Kind::Scalar, mark, value), anchor);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    auto found = anchors_.find(anchor);
    if (found == anchors_.end()) {  // yaml-cpp rejects unknown names, so it is still open.
      fail(mark, "alias *" + anchor_names_[anchor] + " refers to a value that contains it");
    }
    values_ += count_values(found->second) - 1;  // add() counts one more.
    Node copy = found->second;
    copy.at = location(file_, mark);
    add(mark, std::move(copy), YAML::NullAnchor);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, Node::Kind::List, anchor);
  }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, Node::Kind::Map, anchor);
  }
  void OnSequenceEnd() override { close(); }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    Node node;
    YAML::Mark mark;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::string field;
    std::optional<Node> key;  // A map's key waiting for its value.
  };

  Node leaf(Node::Kind kind, const YAML::Mark& mark, const std::string& text) {
    Node node;
    node.kind = kind;
    node.at = location(file_, mark);
    node.text = text;
    return node;
  }

  // The field path of the value about to be added to the innermost container.
  std::string child_field() const {
    if (stack_.empty()) {
      return "";
    }
    const Open& parent = stack_.back();
    if (parent.node.is_list()) {
      return parent.field + "[" + std::to_string(parent.node.items.size()) + "]";
    }
    return parent.key ? join_field(parent.field, parent.key->text) : parent.field;
  }

  void open(const YAML::Mark& mark, Node::Kind kind, YAML::anchor_t anchor) {
    if (stack_.size() >= kMaxDepth) {
      fail(mark, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
    }
    remember_anchor_name(anchor);
    stack_.push_back(Open{leaf(kind, mark, ""), mark, anchor, child_field(), std::nullopt});
  }

  void close() {
    if (stack_.empty()) {  // Unbalanced events would be a yaml-cpp bug; never trust them.
      return;
    }
    Open done = std::move(stack_.back());
    stack_.pop_back();
    add(done.mark, std::move(done.node), done.anchor);
  }

  void add(const YAML::Mark& mark, Node node, YAML::anchor_t anchor) {
    if (++values_ > kMaxValues) {
      fail(mark, "more than " + std::to_string(kMaxValues) + " values (after expanding aliases)");
    }
    if (anchor != YAML::NullAnchor) {
      remember_anchor_name(anchor);
      anchors_[anchor] = node;
    }
    if (stack_.empty()) {
      root_mark_ = mark;
      root_ = std::move(node);
    } else if (stack_.back().node.is_list()) {
      stack_.back().node.items.push_back(std::move(node));
    } else if (!stack_.back().key) {
      stack_.back().key = std::move(node);
    } else {
      add_entry(stack_.back(), std::move(node));
    }
  }

  void add_entry(Open& map, Node value) {
    Node key = std::move(*map.key);
    map.key.reset();
    if (!key.is_scalar() || key.text.empty()) {
      errors_.push_back(config_error(key.at, map.field, "keys must be non-empty strings"));
      return;
    }
    std::string field = join_field(map.field, key.text);
    for (const MapEntry& entry : map.node.entries) {
      if (entry.key == key.text) {
        errors_.push_back(config_error(
            key.at, field,
            "duplicate key; first defined at line " + std::to_string(entry.key_at.line)));
        return;
      }
    }
    if (value.is_null()) {
      value.at = key.at;  // yaml-cpp marks an empty value at the next token.
    }
    map.node.entries.push_back(MapEntry{std::move(key.text), key.at, std::move(value)});
  }

  void remember_anchor_name(YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor && !anchor_name_.empty()) {
      anchor_names_[anchor] = std::move(anchor_name_);
      anchor_name_.clear();
    }
  }

  [[noreturn]] void fail(const YAML::Mark& mark, std::string message) {
    errors_.push_back(config_error(location(file_, mark), "", std::move(message)));
    throw Abandon{};
  }

  const std::string& file_;
  Errors& errors_;
  std::vector<Open> stack_;
  std::optional<Node> root_;
  YAML::Mark root_mark_;
  std::map<YAML::anchor_t, Node> anchors_;  // Finished anchored values, for aliases.
  std::map<YAML::anchor_t, std::string> anchor_names_;
  std::string anchor_name_;  // From OnAnchor, until its node starts.
  size_t values_ = 0;
};

// yaml-cpp's messages for tabs in indentation vary ("illegal map value", "end
// of map not found"), so when parsing failed, look for the usual cause first.
std::optional<SourceLocation> find_indenting_tab(std::string_view text, const std::string& file,
                                                 int last_line) {
  int line = 1;
  for (size_t start = 0; start <= text.size() && (last_line <= 0 || line <= last_line); ++line) {
    size_t end = std::min(text.find('\n', start), text.size());
    size_t indent_end = text.find_first_not_of(" \t", start);
    std::string_view indent = text.substr(start, std::min(indent_end, end) - start);
    if (size_t tab = indent.find('\t'); tab != std::string_view::npos && indent_end < end) {
      return SourceLocation{file, line, static_cast<int>(tab) + 1};
    }
    start = end + 1;
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

void report_empty(const std::string& file, Errors& errors) {
  errors.push_back(config_error(SourceLocation{file, 1, 1}, "",
                                "the file is empty; expected a map with a \"services\" key"));
}

std::optional<Node> parse_documents(std::string_view text, const std::string& file,
                                    Errors& errors) {
  std::istringstream stream{std::string(text)};
  YAML::Parser parser(stream);
  TreeBuilder first(file, errors);
  if (!parser.HandleNextDocument(first) || !first.has_root()) {
    report_empty(file, errors);
    return std::nullopt;
  }
  Node root = first.take_root();
  if (root.is_null()) {
    // yaml-cpp 0.7 turns a stray "," at document level into an empty document.
    size_t pos = static_cast<size_t>(std::max(first.root_mark().pos, 0));
    if (pos < text.size() && text[pos] == ',') {
      errors.push_back(config_error(root.at, "", "invalid YAML: unexpected \",\""));
    } else {
      report_empty(file, errors);
    }
    return std::nullopt;
  }
  // Only ask whether a second document exists; never loop over documents.
  TreeBuilder second(file, errors);
  if (parser.HandleNextDocument(second)) {
    errors.push_back(config_error(location(file, second.root_mark()), "",
                                  "a second YAML document; a config file holds exactly one"));
    return std::nullopt;
  }
  return root;
}

}  // namespace

std::optional<Node> parse_yaml(std::string_view text, const std::string& file, Errors& errors) {
  try {
    return parse_documents(text, file, errors);
  } catch (const Abandon&) {
    // The handler has reported why.
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
