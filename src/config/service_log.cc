// A service's `log:` map -> core::LogSpec. Same table shape as the service
// keys in service_reader.cc, so the did-you-mean list cannot drift from what
// is read.
#include "config/field_reader.h"
#include "config/service_reader.h"

#include <climits>

#include <filesystem>

namespace drover::config {
namespace {

using core::LogSpec;

constexpr uint64_t kMinLine = 1024;  // Below this a "line" is mostly continuation marks.

template <typename T, typename U>
void assign(T& target, std::optional<U> value) {
  if (value) {
    target = std::move(*value);
  }
}

template <auto Member, auto Reader>
void read_into(const Node& value, const std::string& field, LogSpec& log, Errors& errors) {
  assign(log.*Member, Reader(value, field, errors));
}

std::optional<int> read_backups(const Node& value, const std::string& field, Errors& errors) {
  return read_int(value, field, 0, INT_MAX, "", errors);
}

void read_file(const Node& value, const std::string& field, LogSpec& log, Errors& errors) {
  static const std::vector<std::string> kFileValues = {"none"};
  if (read_choice(value, field, kFileValues, errors)) {
    log.files = false;
  }
}

void read_max_line(const Node& value, const std::string& field, LogSpec& log, Errors& errors) {
  std::optional<uint64_t> size = read_size(value, field, errors);
  if (size && *size < kMinLine) {
    errors.push_back(
        config_error(value.at, field, "must be at least 1KiB, got " + describe(value)));
    return;
  }
  assign(log.max_line, size);
}

void read_follow(const Node& value, const std::string& field, LogSpec& log, Errors& errors) {
  if (!expect_kind(value, Node::Kind::List, field, "a list of file paths", errors)) {
    return;
  }
  for (size_t i = 0; i < value.items.size(); ++i) {
    std::string item_field = field + "[" + std::to_string(i) + "]";
    if (std::optional<std::string> path =
            read_nonempty_string(value.items[i], item_field, errors)) {
      log.follow.push_back(std::move(*path));
    }
  }
}

// A relative follow path names a file the service writes, so it counts from
// where the service runs: its working_dir when set (itself taken from the
// config file's directory when relative), else the config file's directory.
// Resolving here keeps the supervisor independent of drover's own cwd.
void resolve_follow(const std::string& config_file, const std::string& working_dir, LogSpec& log) {
  namespace fs = std::filesystem;
  fs::path base = fs::path(config_file).parent_path();
  if (!working_dir.empty()) {
    base /= working_dir;  // An absolute working_dir replaces the base.
  }
  for (std::string& path : log.follow) {
    if (!fs::path(path).is_absolute()) {
      path = (base / path).lexically_normal().string();
    }
  }
}

using LogFieldReaderFn = void (*)(const Node&, const std::string&, LogSpec&, Errors&);
struct LogFieldRule {
  const char* key;
  LogFieldReaderFn read;
};

// Every `log` key, in documentation order.
const LogFieldRule kLogRules[] = {
    {"dir", read_into<&LogSpec::dir, read_nonempty_string>},
    {"stdout_file", read_into<&LogSpec::stdout_file, read_nonempty_string>},
    {"stderr_file", read_into<&LogSpec::stderr_file, read_nonempty_string>},
    {"merge_stderr", read_into<&LogSpec::merge_stderr, read_bool>},
    {"file", read_file},
    {"max_size", read_into<&LogSpec::max_size, read_size>},
    {"backups", read_into<&LogSpec::backups, read_backups>},
    {"console", read_into<&LogSpec::console, read_bool>},
    {"ring", read_into<&LogSpec::ring, read_size>},
    {"max_line", read_max_line},
    {"follow", read_follow},
};

}  // namespace

const std::vector<std::string>& log_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> out;
    for (const LogFieldRule& rule : kLogRules) {
      out.push_back(rule.key);
    }
    return out;
  }();
  return keys;
}

void read_log(const Node& service, const std::string& field, const std::string& config_file,
              core::ServiceSpec& spec, Errors& errors) {
  const MapEntry* entry = find_entry(service, "log");
  if (entry == nullptr || entry->value.is_null()) {
    return;
  }
  std::string log_field = join_field(field, "log");
  if (!expect_kind(entry->value, Node::Kind::Map, log_field, "a map of log settings", errors)) {
    return;
  }
  check_keys(entry->value, log_field, log_keys(), errors);
  for (const LogFieldRule& rule : kLogRules) {
    if (const MapEntry* found = find_entry(entry->value, rule.key)) {
      rule.read(found->value, join_field(log_field, rule.key), spec.log, errors);
    }
  }
  resolve_follow(config_file, spec.working_dir, spec.log);
}

}  // namespace drover::config
