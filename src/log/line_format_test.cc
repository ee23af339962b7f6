// Timestamps and JSON string escaping, as golden strings.
#include "log/line_format.h"

#include <gtest/gtest.h>

namespace drover::log {
namespace {

std::string json(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(FormatTimestampTest, UtcWithMilliseconds) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_timestamp(1795971149123), "2026-11-29T16:52:29.123Z");
  EXPECT_EQ(format_timestamp(1795452749123), "2026-11-23T16:52:29.123Z");
  EXPECT_EQ(format_timestamp(951782400007), "2000-02-29T00:00:00.007Z");  // A leap day.
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59.999Z");
}

TEST(JsonStringTest, PlainTextIsQuoted) {
  EXPECT_EQ(json(""), R"("")");
  EXPECT_EQ(json("GET /index.html 200"), R"("GET /index.html 200")");
}

TEST(JsonStringTest, QuotesAndBackslashesAreEscaped) {
  EXPECT_EQ(json(R"(say "hi" \o/)"), R"("say \"hi\" \\o/")");
}

TEST(JsonStringTest, ControlCharactersBecomeUnicodeEscapes) {
  EXPECT_EQ(json(std::string("a\tb\rc\x1b[0m\x01", 10) + std::string(1, '\0')),
            R"("a\u0009b\u000dc\u001b[0m\u0001\u0000")");
  EXPECT_EQ(json("\x7f"), "\"\x7f\"");  // DEL is not a JSON control character.
}

TEST(JsonStringTest, ValidUtf8IsKept) {
  EXPECT_EQ(json("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF"),
            "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF\"");
}

TEST(JsonStringTest, EachInvalidByteBecomesAReplacementCharacter) {
  const std::string r = "\xEF\xBF\xBD";
  EXPECT_EQ(json("a\xFF"
                 "b"),
            "\"a" + r + "b\"");              // Never valid in UTF-8.
  EXPECT_EQ(json("\x80"), "\"" + r + "\"");  // A stray continuation byte.
  EXPECT_EQ(json("\xC3"), "\"" + r + "\"");  // Truncated at the end.
  EXPECT_EQ(json("\xE2\x82"
                 "a"),
            "\"" + r + r + "a\"");                                   // Truncated in the middle.
  EXPECT_EQ(json("\xC0\xAF"), "\"" + r + r + "\"");                  // Overlong '/'.
  EXPECT_EQ(json("\xE0\x80\xAF"), "\"" + r + r + r + "\"");          // Overlong, 3 bytes.
  EXPECT_EQ(json("\xED\xA0\x80"), "\"" + r + r + r + "\"");          // A surrogate.
  EXPECT_EQ(json("\xF4\x90\x80\x80"), "\"" + r + r + r + r + "\"");  // Above U+10FFFF.
}

}  // namespace
}  // namespace drover::log
