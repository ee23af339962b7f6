#pragma once

#include "base/error.h"

#include <string>
#include <vector>

namespace drover::config {

struct MapEntry;

// A config document as a plain tree where every value remembers where it was
// written. The YAML adapter builds it (and an INI adapter could), so the
// readers that turn it into a core::Model never see a parser library.
struct Node {
  enum class Kind { Null, Scalar, List, Map };

  Kind kind = Kind::Null;
  SourceLocation at;  // For Null values: the location of their key.
  std::string text;   // Scalar text, after ${VAR} expansion once expand_tree() ran.
  std::vector<Node> items;
  std::vector<MapEntry> entries;  // In document order; duplicates already reported and dropped.
  // Set when an error about this value was already reported (an unset
  // variable), so readers skip it instead of reporting a second error.
  bool reported = false;

  bool is_null() const { return kind == Kind::Null; }
  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_list() const { return kind == Kind::List; }
  bool is_map() const { return kind == Kind::Map; }
};

struct MapEntry {
  std::string key;
  SourceLocation key_at;
  Node value;
};

}  // namespace drover::config
