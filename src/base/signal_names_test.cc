#include "base/signal_names.h"

#include <gtest/gtest.h>

#include <csignal>

namespace drover {
namespace {

int parsed(std::string_view text) {
  Result<int> result = parse_signal(text);
  EXPECT_TRUE(result.has_value()) << "\"" << text << "\": " << result.error().to_string();
  return result ? *result : -1;
}

TEST(SignalNamesTest, ParsesBareNamesInAnyCase) {
  EXPECT_EQ(parsed("TERM"), SIGTERM);
  EXPECT_EQ(parsed("term"), SIGTERM);
  EXPECT_EQ(parsed("Hup"), SIGHUP);
  EXPECT_EQ(parsed("KILL"), SIGKILL);
  EXPECT_EQ(parsed("USR1"), SIGUSR1);
  EXPECT_EQ(parsed("winch"), SIGWINCH);
}

TEST(SignalNamesTest, ParsesNamesWithTheSigPrefix) {
  EXPECT_EQ(parsed("SIGTERM"), SIGTERM);
  EXPECT_EQ(parsed("sigint"), SIGINT);
  EXPECT_EQ(parsed("SigQuit"), SIGQUIT);
}

TEST(SignalNamesTest, ParsesNumbersOfValidSignals) {
  EXPECT_EQ(parsed("15"), SIGTERM);
  EXPECT_EQ(parsed("9"), SIGKILL);
  EXPECT_EQ(parsed("1"), 1);
  EXPECT_EQ(parsed(std::to_string(NSIG - 1)), NSIG - 1);
}

TEST(SignalNamesTest, RejectsNumbersOutsideTheSignalRange) {
  EXPECT_FALSE(parse_signal("0"));
  EXPECT_FALSE(parse_signal("-1"));
  EXPECT_FALSE(parse_signal(std::to_string(NSIG)));
  EXPECT_FALSE(parse_signal("99999999999999999999"));
}

TEST(SignalNamesTest, RejectsUnknownAndMalformedNames) {
  for (std::string_view text :
       {"", "SIG", "TERMINATE", "SIGFOO", " TERM", "TERM ", "15abc", "+15", "SIG15", "RTMIN"}) {
    EXPECT_FALSE(parse_signal(text)) << "\"" << text << "\"";
  }
}

TEST(SignalNamesTest, ErrorNamesTheTextAndListsValidNames) {
  Result<int> result = parse_signal("TREM");
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::InvalidArgument);
  EXPECT_EQ(result.error().message,
            "unknown signal \"TREM\"; expected a name such as TERM, INT, HUP, QUIT, KILL, USR1, "
            "USR2 or a number");
}

TEST(SignalNamesTest, NamesKnownSignalsWithoutPrefix) {
  EXPECT_EQ(signal_name(SIGTERM), "TERM");
  EXPECT_EQ(signal_name(SIGKILL), "KILL");
  EXPECT_EQ(signal_name(SIGHUP), "HUP");
  EXPECT_EQ(signal_name(SIGCHLD), "CHLD");
  EXPECT_EQ(signal_name(SIGSYS), "SYS");
}

TEST(SignalNamesTest, NamesUnnamedSignalsByNumber) {
  EXPECT_EQ(signal_name(0), "0");
  EXPECT_EQ(signal_name(SIGRTMIN), std::to_string(SIGRTMIN));
  EXPECT_EQ(signal_name(-3), "-3");
}

TEST(SignalNamesTest, EveryNameParsesBackToItsSignal) {
  for (int signo = 1; signo < NSIG; ++signo) {
    std::string name = signal_name(signo);
    EXPECT_EQ(parsed(name), signo) << name;
    if (name != std::to_string(signo)) {  // Real-time signals have numbers, not names.
      EXPECT_EQ(parsed("SIG" + name), signo) << name;
    }
  }
}

}  // namespace
}  // namespace drover
