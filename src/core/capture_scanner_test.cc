#include "core/capture_scanner.h"

#include <gtest/gtest.h>

namespace drover::core {
namespace {

using Kind = CaptureScanner::Piece::Kind;
using Pieces = std::vector<CaptureScanner::Piece>;

CaptureScanner::Piece out(std::string bytes) { return {Kind::Output, std::move(bytes)}; }
CaptureScanner::Piece msg(std::string bytes) { return {Kind::Message, std::move(bytes)}; }

TEST(CaptureScannerTest, OrdinaryOutputPassesThrough) {
  CaptureScanner scanner(100);
  EXPECT_EQ(scanner.feed("hello\nworld\n"), (Pieces{out("hello\nworld\n")}));
  EXPECT_EQ(scanner.finish(), "");
}

TEST(CaptureScannerTest, AMessageBetweenTokensIsCapturedNotLogged) {
  CaptureScanner scanner(100);
  EXPECT_EQ(scanner.feed("a\n<!--XSUPERVISOR:BEGIN-->payload<!--XSUPERVISOR:END-->b\n"),
            (Pieces{out("a\n"), msg("payload"), out("b\n")}));
}

TEST(CaptureScannerTest, TwoMessagesInOneRead) {
  CaptureScanner scanner(100);
  EXPECT_EQ(scanner.feed("<!--XSUPERVISOR:BEGIN-->1<!--XSUPERVISOR:END-->"
                         "<!--XSUPERVISOR:BEGIN-->2<!--XSUPERVISOR:END-->"),
            (Pieces{msg("1"), msg("2")}));
}

TEST(CaptureScannerTest, AnEmptyMessageIsStillAnEvent) {
  CaptureScanner scanner(100);
  EXPECT_EQ(scanner.feed("<!--XSUPERVISOR:BEGIN--><!--XSUPERVISOR:END-->"), (Pieces{msg("")}));
}

// Every split point of the stream gives the same pieces once merged: tokens
// cut anywhere by reads are still found, and nothing is lost or duplicated.
TEST(CaptureScannerTest, TokensCutAnywhereByReads) {
  const std::string stream = "x<!--XSUPERVISOR:BEGIN-->one\ntwo<!--XSUPERVISOR:END-->y<!--XSUPER";
  for (size_t cut = 0; cut <= stream.size(); ++cut) {
    for (size_t cut2 = cut; cut2 <= stream.size(); ++cut2) {
      CaptureScanner scanner(100);
      std::string output;
      std::vector<std::string> messages;
      for (std::string_view part : {std::string_view(stream).substr(0, cut),
                                    std::string_view(stream).substr(cut, cut2 - cut),
                                    std::string_view(stream).substr(cut2)}) {
        for (const auto& piece : scanner.feed(part)) {
          if (piece.kind == Kind::Output) {
            output += piece.bytes;
          } else {
            messages.push_back(piece.bytes);
          }
        }
      }
      output += scanner.finish();
      EXPECT_EQ(output, "xy<!--XSUPER") << cut << "," << cut2;
      EXPECT_EQ(messages, std::vector<std::string>{"one\ntwo"}) << cut << "," << cut2;
    }
  }
}

TEST(CaptureScannerTest, APrefixThatIsNotATokenIsReleasedWithTheNextBytes) {
  CaptureScanner scanner(100);
  EXPECT_EQ(scanner.feed("text <!--XSUP"), (Pieces{out("text ")}));
  EXPECT_EQ(scanner.feed("PER\n"), (Pieces{out("<!--XSUPPER\n")}));
}

TEST(CaptureScannerTest, AMessageKeepsItsLastMaxBytes) {
  CaptureScanner scanner(4);
  EXPECT_EQ(scanner.feed("<!--XSUPERVISOR:BEGIN-->abc"), Pieces{});
  EXPECT_EQ(scanner.feed("defg<!--XSUPERVISOR:END-->"), (Pieces{msg("defg")}));
}

TEST(CaptureScannerTest, AnUnfinishedMessageIsDroppedAtTheEnd) {
  CaptureScanner scanner(100);
  EXPECT_EQ(scanner.feed("a<!--XSUPERVISOR:BEGIN-->half"), (Pieces{out("a")}));
  EXPECT_EQ(scanner.finish(), "");
  // The next instance starts outside a message.
  EXPECT_EQ(scanner.feed("b<!--XSUPERVISOR:END-->"), (Pieces{out("b<!--XSUPERVISOR:END-->")}));
}

TEST(CaptureScannerTest, AnEndTokenOutsideAMessageIsOrdinaryOutput) {
  CaptureScanner scanner(100);
  EXPECT_EQ(scanner.feed("<!--XSUPERVISOR:END-->\n"), (Pieces{out("<!--XSUPERVISOR:END-->\n")}));
}

}  // namespace
}  // namespace drover::core
