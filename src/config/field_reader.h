#pragma once

#include "base/duration.h"
#include "base/size.h"
#include "config/config_error.h"
#include "config/node.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drover::config {

// Typed reads from the located tree, shared by the section readers. Each
// read_* returns the value, or nullopt after appending one located error to
// `errors` (the value's location for a bad value, the key's for a missing
// one). Values already marked `reported` give nullopt without a new error.

// The entry for `key` in a map node, or nullptr.
const MapEntry* find_entry(const Node& map, std::string_view key);

// For "expected X, got Y": "\"5\"" for a scalar, else "a list", "a map", "nothing".
std::string describe(const Node& value);

// Reports every key of `map` that is not in `known`, at the key, with a
// did-you-mean when one is close (or the whole list when it is short).
void check_keys(const Node& map, const std::string& field, const std::vector<std::string>& known,
                Errors& errors);

// Reports "expected <what>, got ..." unless `value` has `kind` (silently
// false for a value already reported).
bool expect_kind(const Node& value, Node::Kind kind, const std::string& field,
                 const std::string& what, Errors& errors);

// Any scalar, as text: numbers and booleans are read as they were written.
std::optional<std::string> read_string(const Node& value, const std::string& field, Errors& errors);
// Same, but an empty string is an error too.
std::optional<std::string> read_nonempty_string(const Node& value, const std::string& field,
                                                Errors& errors);
std::optional<std::vector<std::string>> read_string_list(const Node& value,
                                                         const std::string& field, Errors& errors);
// true/false (also True, TRUE, False, FALSE).
std::optional<bool> read_bool(const Node& value, const std::string& field, Errors& errors);
// A decimal integer between `min` and `max`. `what` names it in range errors
// ("exit code 300 is out of range 0..255"); with max == INT_MAX a value below
// `min` reads "must be 0 or more, got -1".
std::optional<int> read_int(const Node& value, const std::string& field, int min, int max,
                            const std::string& what, Errors& errors);
std::optional<Duration> read_duration(const Node& value, const std::string& field, Errors& errors);
// A byte size (base/size.h): "0", "500", "10MB", "1MiB".
std::optional<uint64_t> read_size(const Node& value, const std::string& field, Errors& errors);
// The index of the value in `names`; "unknown value ..., expected a, b or c".
std::optional<size_t> read_choice(const Node& value, const std::string& field,
                                  const std::vector<std::string>& names, Errors& errors);

// A TCP/UDP port number, 1 to 65535, all of `text`.
std::optional<int> parse_port_number(std::string_view text);

// "a, b or c", for messages.
std::string join_alternatives(const std::vector<std::string>& names);

}  // namespace drover::config
