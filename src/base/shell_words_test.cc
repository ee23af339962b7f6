#include "base/shell_words.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace drover {
namespace {

using Words = std::vector<std::string>;

Words split(std::string_view text) {
  Result<Words> result = split_shell_words(text);
  EXPECT_TRUE(result.has_value()) << "\"" << text << "\": " << result.error().to_string();
  return result ? *result : Words{"<error>"};
}

std::string split_error(std::string_view text) {
  Result<Words> result = split_shell_words(text);
  EXPECT_FALSE(result.has_value()) << "\"" << text << "\" split without error";
  return result ? std::string() : result.error().message;
}

TEST(ShellWordsTest, EmptyAndBlankInputGiveNoWords) {
  EXPECT_EQ(split(""), Words{});
  EXPECT_EQ(split("   "), Words{});
  EXPECT_EQ(split(" \t\n\r "), Words{});
}

TEST(ShellWordsTest, BlanksOfAnyKindSeparateWords) {
  EXPECT_EQ(split("gunicorn app:wsgi --bind 0.0.0.0:8000"),
            (Words{"gunicorn", "app:wsgi", "--bind", "0.0.0.0:8000"}));
  EXPECT_EQ(split("  a \t b\nc\r\nd  "), (Words{"a", "b", "c", "d"}));
}

TEST(ShellWordsTest, SingleQuotesAreLiteral) {
  EXPECT_EQ(split("echo 'a b'"), (Words{"echo", "a b"}));
  EXPECT_EQ(split(R"('a\b "c" $d')"), (Words{R"(a\b "c" $d)"}));
}

TEST(ShellWordsTest, DoubleQuotesKeepBlanksAndAllowFourEscapes) {
  EXPECT_EQ(split(R"("a b")"), (Words{"a b"}));
  EXPECT_EQ(split(R"("q\" b\\ d\$ t\`")"), (Words{R"(q" b\ d$ t`)"}));
}

TEST(ShellWordsTest, OtherBackslashesInDoubleQuotesStayLiteral) {
  EXPECT_EQ(split(R"("a\nb\'c")"), (Words{R"(a\nb\'c)"}));
}

TEST(ShellWordsTest, QuotedPartsJoinAdjacentText) {
  EXPECT_EQ(split(R"(--name='a b'"c d"e)"), (Words{"--name=a bc de"}));
}

TEST(ShellWordsTest, EmptyQuotesMakeAnEmptyWord) {
  EXPECT_EQ(split("a '' \"\" b"), (Words{"a", "", "", "b"}));
}

TEST(ShellWordsTest, BackslashOutsideQuotesEscapesTheNextCharacter) {
  EXPECT_EQ(split(R"(a\ b c\"d \'e\\)"), (Words{"a b", "c\"d", "'e\\"}));
}

TEST(ShellWordsTest, TrailingBackslashStaysLiteral) {
  EXPECT_EQ(split("a\\"), (Words{"a\\"}));
  EXPECT_EQ(split("a \\"), (Words{"a", "\\"}));
}

TEST(ShellWordsTest, BackslashNewlineJoinsLinesWithinAWord) {
  EXPECT_EQ(split("ab\\\ncd"), (Words{"abcd"}));
  EXPECT_EQ(split("\"ab\\\ncd\""), (Words{"abcd"}));
}

TEST(ShellWordsTest, BackslashNewlineBetweenWordsAddsNoEmptyWord) {
  EXPECT_EQ(split("server \\\n  --port 80 \\\n"), (Words{"server", "--port", "80"}));
  EXPECT_EQ(split("\\\n"), Words{});
}

TEST(ShellWordsTest, NothingIsExpanded) {
  EXPECT_EQ(split("echo $HOME *.txt a|b >out ~"),
            (Words{"echo", "$HOME", "*.txt", "a|b", ">out", "~"}));
}

TEST(ShellWordsTest, UnterminatedSingleQuoteNamesItsColumn) {
  EXPECT_EQ(split_error("echo 'abc"), "unterminated single quote opened at column 6");
  EXPECT_EQ(split_error("'"), "unterminated single quote opened at column 1");
}

TEST(ShellWordsTest, UnterminatedDoubleQuoteNamesItsColumn) {
  EXPECT_EQ(split_error("a \"b c"), "unterminated double quote opened at column 3");
  EXPECT_EQ(split_error(R"("abc\")"), "unterminated double quote opened at column 1");
  EXPECT_EQ(split_error("\"abc\\"), "unterminated double quote opened at column 1");
}

TEST(ShellWordsTest, QuoteInsideOtherQuotesDoesNotOpenOne) {
  EXPECT_EQ(split(R"("it's" 'say "hi"')"), (Words{"it's", "say \"hi\""}));
}

TEST(ShellWordsTest, UnterminatedQuoteIsAnInvalidArgument) {
  Result<Words> result = split_shell_words("'");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::InvalidArgument);
}

TEST(ShellWordsTest, PlainWordsAreNotQuoted) {
  EXPECT_EQ(quote_shell_word("gunicorn"), "gunicorn");
  EXPECT_EQ(quote_shell_word("--bind=0.0.0.0:8000"), "--bind=0.0.0.0:8000");
  EXPECT_EQ(quote_shell_word("/usr/bin/a_b-c,d+e@f%g"), "/usr/bin/a_b-c,d+e@f%g");
}

TEST(ShellWordsTest, WordsWithSpecialCharactersAreSingleQuoted) {
  EXPECT_EQ(quote_shell_word(""), "''");
  EXPECT_EQ(quote_shell_word("a b"), "'a b'");
  EXPECT_EQ(quote_shell_word("$HOME"), "'$HOME'");
  EXPECT_EQ(quote_shell_word("it's"), R"('it'\''s')");
  EXPECT_EQ(quote_shell_word("tab\there"), "'tab\there'");
}

TEST(ShellWordsTest, JoinSeparatesQuotedWordsWithOneSpace) {
  EXPECT_EQ(join_shell_words({}), "");
  EXPECT_EQ(join_shell_words({"sh", "-c", "echo hi; exit 3"}), "sh -c 'echo hi; exit 3'");
}

TEST(ShellWordsTest, JoinedWordsSplitBackToTheSameWords) {
  std::vector<Words> cases = {
      {"a"},
      {"a b", "c"},
      {"", "x", ""},
      {"it's", "\"quoted\"", "back\\slash", "$VAR", "`cmd`"},
      {"new\nline", "tab\there", "trailing\\"},
      {"'", "''", "\"", "\\"},
      {"--opt=1", "ünïcode", "*", "a|b;c&d"},
  };
  for (const Words& words : cases) {
    std::string line = join_shell_words(words);
    EXPECT_EQ(split(line), words) << line;
  }
}

}  // namespace
}  // namespace drover
