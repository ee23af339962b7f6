#pragma once

#include "base/result.h"

#include <string>
#include <string_view>
#include <vector>

namespace drover {

// Splits a command line into words the way a POSIX shell does for simple
// commands: blanks separate words; '...' is literal; "..." allows \" \\ \$ \`
// escapes; a backslash outside quotes escapes the next character. Nothing is
// expanded (no $VAR, globs, pipes or redirections): the words are run without
// a shell. Unterminated quotes are an error naming the column.
Result<std::vector<std::string>> split_shell_words(std::string_view text);

// POSIX sh single quoting, always: the word in '...', each ' written as '\''.
// Whatever the word holds, a shell reads it back as exactly that word.
std::string single_quote_shell_word(std::string_view word);

// The inverse for display: quotes a word only when the shell would need it.
std::string quote_shell_word(std::string_view word);
std::string join_shell_words(const std::vector<std::string>& words);

}  // namespace drover
