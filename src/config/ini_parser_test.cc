// The INI reader's ConfigParser rules, checked on parsed documents.
#include "config/ini_document.h"

#include <gtest/gtest.h>

namespace drover::config {
namespace {

IniDocument parse(const std::string& text, Errors* errors_out = nullptr) {
  IniDocument doc;
  Errors errors;
  parse_ini(text, "/etc/supervisord.conf", doc, errors);
  if (errors_out != nullptr) {
    *errors_out = errors;
  } else {
    EXPECT_TRUE(errors.empty()) << errors[0].to_string();
  }
  return doc;
}

std::string value(const IniDocument& doc, const std::string& section, const std::string& key) {
  const IniSection* found = doc.find(section);
  const IniEntry* entry = found ? found->find(key) : nullptr;
  return entry ? entry->value : "<absent>";
}

TEST(IniParserTest, EqualsAndColonBothSplitAtTheFirstDelimiter) {
  IniDocument doc = parse("[program:web]\ncommand = a=b\nuser: root:x\n");
  EXPECT_EQ(value(doc, "program:web", "command"), "a=b");
  EXPECT_EQ(value(doc, "program:web", "user"), "root:x");
}

TEST(IniParserTest, KeysAreLowerCasedSectionNamesAreNot) {
  IniDocument doc = parse("[program:Web]\nCommand=x\n");
  EXPECT_EQ(value(doc, "program:Web", "command"), "x");
  EXPECT_EQ(doc.find("program:web"), nullptr);
}

TEST(IniParserTest, FullLineCommentsAndInlineCommentsAfterWhitespace) {
  IniDocument doc = parse(
      "; a comment\n# another\n[a]\nx = 1 ; inline\ny = http://h/#frag\nz = a;b\nw = v\t# tab\n");
  EXPECT_EQ(value(doc, "a", "x"), "1");
  EXPECT_EQ(value(doc, "a", "y"), "http://h/#frag");
  EXPECT_EQ(value(doc, "a", "z"), "a;b");
  EXPECT_EQ(value(doc, "a", "w"), "v");
}

TEST(IniParserTest, ContinuationLinesJoinWithNewlinesKeepingInnerBlankLines) {
  IniDocument doc = parse("[a]\nenv = A=1,\n  B=2\n\n  C=3\n\n; c\nnext = 2\n");
  EXPECT_EQ(value(doc, "a", "env"), "A=1,\nB=2\n\nC=3");
  EXPECT_EQ(value(doc, "a", "next"), "2");
}

TEST(IniParserTest, AnIndentedLineAfterAnEmptyValueContinuesIt) {
  IniDocument doc = parse("[a]\nfiles =\n    one.conf\n    two.conf\n");
  EXPECT_EQ(value(doc, "a", "files"), "\none.conf\ntwo.conf");
}

TEST(IniParserTest, RepeatedSectionsMergeAndLaterKeysWin) {
  IniDocument doc = parse("[a]\nx=1\ny=1\n[b]\n[a]\nx=2\n");
  EXPECT_EQ(doc.sections.size(), 2u);
  EXPECT_EQ(value(doc, "a", "x"), "2");
  EXPECT_EQ(value(doc, "a", "y"), "1");
}

TEST(IniParserTest, ValueLocationsPointAtTheValue) {
  IniDocument doc = parse("[a]\n  key =   value\n");
  const IniEntry* entry = doc.find("a")->find("key");
  EXPECT_EQ(entry->key_at.line, 2);
  EXPECT_EQ(entry->key_at.column, 3);
  EXPECT_EQ(entry->at.column, 11);
  EXPECT_EQ(doc.find("a")->here, "/etc");
}

TEST(IniParserTest, OptionBeforeAnySectionIsAnError) {
  Errors errors;
  parse("x = 1\n[a]\n", &errors);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].to_string(),
            "/etc/supervisord.conf:1:1: expected a [section] header before any option");
}

TEST(IniParserTest, LineWithoutDelimiterIsAnErrorAndParsingGoesOn) {
  Errors errors;
  IniDocument doc = parse("[a]\njunk\n = 2\nok = 3\n", &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].to_string(),
            "/etc/supervisord.conf:2:1: [a]: expected \"key = value\", got \"junk\"");
  EXPECT_EQ(errors[1].to_string(),
            "/etc/supervisord.conf:3:2: [a]: missing option name before \"=\"");
  EXPECT_EQ(value(doc, "a", "ok"), "3");
}

TEST(IniParserTest, CrLfLineEndingsAreAccepted) {
  IniDocument doc = parse("[a]\r\nx = 1\r\n");
  EXPECT_EQ(value(doc, "a", "x"), "1");
}

}  // namespace
}  // namespace drover::config
