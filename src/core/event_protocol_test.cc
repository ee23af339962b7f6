#include "core/event_protocol.h"

#include <gtest/gtest.h>

namespace drover::core {
namespace {

using Kind = ListenerProtocol::Output::Kind;

TEST(EventProtocol, EnvelopeIsSupervisordsHeaderLineThenPayload) {
  Envelope e{"supervisor",          7,
             "crashmail",           3,
             "PROCESS_STATE_FATAL", "processname:web groupname:web from_state:BACKOFF"};
  EXPECT_EQ(render_envelope(e),
            "ver:3.0 server:supervisor serial:7 pool:crashmail poolserial:3 "
            "eventname:PROCESS_STATE_FATAL len:48\n"
            "processname:web groupname:web from_state:BACKOFF");
}

TEST(EventProtocol, FieldsAreSpaceSeparatedKeyValuePairs) {
  EXPECT_EQ(render_fields({{"processname", "a"}, {"groupname", "g"}, {"tries", "0"}}),
            "processname:a groupname:g tries:0");
  EXPECT_EQ(render_fields({}), "");
}

TEST(EventProtocol, SupertypesMatchTheirSubtypes) {
  EXPECT_TRUE(subscribes_to({"PROCESS_STATE"}, "PROCESS_STATE_FATAL"));
  EXPECT_TRUE(subscribes_to({"EVENT"}, "TICK_5"));
  EXPECT_TRUE(subscribes_to({"TICK"}, "TICK_3600"));
  EXPECT_TRUE(subscribes_to({"TICK_60", "PROCESS_LOG"}, "PROCESS_LOG_STDERR"));
  EXPECT_FALSE(subscribes_to({"PROCESS_STATE_FATAL"}, "PROCESS_STATE_EXITED"));
  EXPECT_FALSE(subscribes_to({"TICK_5"}, "TICK_60"));
  EXPECT_FALSE(subscribes_to({}, "TICK_5"));
  EXPECT_TRUE(is_event_type("SUPERVISOR_STATE_CHANGE"));
  EXPECT_FALSE(is_event_type("PROCESS"));
  EXPECT_FALSE(is_event_type("process_state"));
}

TEST(ListenerProtocol, ReadyThenOkResult) {
  ListenerProtocol p;
  EXPECT_EQ(p.state(), ListenerState::Acknowledged);
  auto out = p.feed("REA");
  EXPECT_TRUE(out.empty());
  out = p.feed("DY\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Kind::BecameReady);
  EXPECT_EQ(p.state(), ListenerState::Ready);
  p.sent_event();
  EXPECT_EQ(p.state(), ListenerState::Busy);
  out = p.feed("RESULT 2\nO");
  EXPECT_TRUE(out.empty());
  out = p.feed("KREADY\n");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].kind, Kind::Result);
  EXPECT_EQ(out[0].detail, "OK");
  EXPECT_EQ(out[1].kind, Kind::BecameReady);
  EXPECT_EQ(p.state(), ListenerState::Ready);
}

TEST(ListenerProtocol, FailResultReturnsToAcknowledged) {
  ListenerProtocol p;
  p.feed("READY\n");
  p.sent_event();
  auto out = p.feed("RESULT 4\nFAIL");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].detail, "FAIL");
  EXPECT_EQ(p.state(), ListenerState::Acknowledged);
}

TEST(ListenerProtocol, EmptyResultBody) {
  ListenerProtocol p;
  p.feed("READY\n");
  p.sent_event();
  auto out = p.feed("RESULT 0\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Kind::Result);
  EXPECT_EQ(out[0].detail, "");
}

TEST(ListenerProtocol, GarbageMakesTheListenerUnknown) {
  ListenerProtocol p;
  auto out = p.feed("hello world\n");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].kind, Kind::ProtocolError);
  EXPECT_EQ(p.state(), ListenerState::Unknown);
  EXPECT_TRUE(p.feed("READY\n").empty());

  ListenerProtocol spurious;
  spurious.feed("READY\n");
  EXPECT_EQ(spurious.feed("x").at(0).kind, Kind::ProtocolError);

  ListenerProtocol bad_length;
  bad_length.feed("READY\n");
  bad_length.sent_event();
  EXPECT_EQ(bad_length.feed("RESULT two\n").at(0).kind, Kind::ProtocolError);
  EXPECT_EQ(bad_length.state(), ListenerState::Unknown);
}

}  // namespace
}  // namespace drover::core
