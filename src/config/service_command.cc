// The command of a service. Three spellings give one argv: `command` as a
// string (split like a shell splits words, but run without one, so signals
// reach the service itself), `command` as a list, and `binary` + `args` (the
// hybrid format). `shell: true` is the explicit way to get /bin/sh.
#include "base/shell_words.h"
#include "config/field_reader.h"
#include "config/service_reader.h"

#include <utility>

namespace drover::config {
namespace {

std::optional<std::vector<std::string>> command_argv(const Node& command, bool shell,
                                                     const std::string& field, Errors& errors) {
  if (command.is_null() || command.is_map()) {
    expect_kind(command, Node::Kind::Scalar, field, "a string or a list of strings", errors);
    return std::nullopt;
  }
  if (command.is_list()) {
    auto argv = read_string_list(command, field, errors);
    if (argv && argv->empty()) {
      errors.push_back(config_error(command.at, field, "must not be empty"));
      return std::nullopt;
    }
    return argv;
  }
  std::optional<std::string> text = read_nonempty_string(command, field, errors);
  if (!text) {
    return std::nullopt;
  }
  if (shell) {
    return std::vector<std::string>{"/bin/sh", "-c", *text};
  }
  Result<std::vector<std::string>> words = split_shell_words(*text);
  if (!words) {
    errors.push_back(config_error(command.at, field, words.error().message));
    return std::nullopt;
  }
  if (words->empty()) {
    errors.push_back(config_error(command.at, field, "must not be blank"));
    return std::nullopt;
  }
  return std::move(*words);
}

std::optional<std::vector<std::string>> binary_argv(const Node& binary, const MapEntry* args,
                                                    const std::string& field, Errors& errors) {
  std::optional<std::string> program =
      read_nonempty_string(binary, join_field(field, "binary"), errors);
  std::vector<std::string> argv{program.value_or("")};
  if (args != nullptr && !args->value.is_null()) {
    auto rest = read_string_list(args->value, join_field(field, "args"), errors);
    if (!rest) {
      return std::nullopt;
    }
    argv.insert(argv.end(), rest->begin(), rest->end());
  }
  return program ? std::optional(std::move(argv)) : std::nullopt;
}

// Reports the key combinations that cannot mean anything; true if none.
bool check_combination(const MapEntry* command, const MapEntry* binary, const MapEntry* args,
                       const MapEntry* shell, bool shell_on, const SourceLocation& name_at,
                       const std::string& field, Errors& errors) {
  size_t before = errors.size();
  if (command == nullptr && binary == nullptr) {
    errors.push_back(config_error(name_at, field, "no command; set command (or binary and args)"));
  }
  if (command != nullptr && binary != nullptr) {
    // Point at whichever was written second: that is the one being added.
    const MapEntry* later = std::pair(binary->key_at.line, binary->key_at.column) >
                                    std::pair(command->key_at.line, command->key_at.column)
                                ? binary
                                : command;
    errors.push_back(config_error(later->key_at, join_field(field, later->key),
                                  "command and binary both given; use one of them"));
  }
  if (args != nullptr && binary == nullptr) {
    errors.push_back(config_error(args->key_at, join_field(field, "args"),
                                  "args needs binary; with command, put the arguments in command"));
  }
  if (shell_on && (binary != nullptr || (command != nullptr && command->value.is_list()))) {
    errors.push_back(config_error(shell->key_at, join_field(field, "shell"),
                                  "shell: true needs command as one string, not " +
                                      std::string(binary ? "binary" : "a list")));
  }
  return errors.size() == before;
}

}  // namespace

void read_command(const Node& service, const SourceLocation& name_at, const std::string& field,
                  core::ServiceSpec& spec, Errors& errors) {
  const MapEntry* command = find_entry(service, "command");
  const MapEntry* binary = find_entry(service, "binary");
  const MapEntry* args = find_entry(service, "args");
  const MapEntry* shell = find_entry(service, "shell");
  bool shell_on = false;
  if (shell != nullptr) {
    shell_on = read_bool(shell->value, join_field(field, "shell"), errors).value_or(false);
  }
  if (!check_combination(command, binary, args, shell, shell_on, name_at, field, errors)) {
    return;
  }
  std::optional<std::vector<std::string>> argv =
      command ? command_argv(command->value, shell_on, join_field(field, "command"), errors)
              : binary_argv(binary->value, args, field, errors);
  if (argv) {
    spec.argv = std::move(*argv);
  }
}

}  // namespace drover::config
