#include "api/xmlrpc_codec.h"

#include <gtest/gtest.h>

namespace drover::api::xmlrpc {
namespace {

MethodCall parse_ok(std::string_view body) {
  auto parsed = parse_method_call(body);
  if (auto* error = std::get_if<ParseError>(&parsed)) {
    ADD_FAILURE() << error->message << " in " << body;
    return {};
  }
  return std::get<MethodCall>(parsed);
}

ParseError parse_bad(std::string_view body) {
  auto parsed = parse_method_call(body);
  if (!std::holds_alternative<ParseError>(parsed)) {
    ADD_FAILURE() << "accepted: " << body;
    return {};
  }
  return std::get<ParseError>(parsed);
}

std::string call_with(std::string_view value) {
  return "<?xml version='1.0'?><methodCall><methodName>m</methodName><params><param><value>" +
         std::string(value) + "</value></param></params></methodCall>";
}

Value one_param(std::string_view value) {
  MethodCall call = parse_ok(call_with(value));
  EXPECT_EQ(call.params.size(), 1u);
  return call.params.empty() ? Value() : call.params[0];
}

TEST(XmlRpcCodec, RoundTripsEveryType) {
  Value everything(Array{
      Value(),
      Value(true),
      Value(false),
      Value(0),
      Value(-2147483647 - 1),
      Value(2147483647),
      Value(3.25),
      Value(-1e300),
      Value(""),
      Value("  spaces kept  "),
      Value("<&> \"quotes\" 'x'\ttab\nnewline\r\nCRLF é"),
      Value(DateTime{"20261123T18:31:43"}),
      Value(Base64{std::string("\0\x01\xff binary", 10)}),
      Value(Base64{""}),
      Value(Array{}),
      Value(Struct{}),
      Value(Struct{{"name", Value("web")},
                   {"nested", Value(Array{Value(1), Value(Struct{{"k", Value(false)}})})}}),
  });
  MethodCall call{"supervisor.test", {everything, Value("second")}};
  MethodCall back = parse_ok(render_method_call(call));
  EXPECT_EQ(back.method, "supervisor.test");
  ASSERT_EQ(back.params.size(), 2u);
  EXPECT_TRUE(back.params[0] == everything);
  EXPECT_TRUE(back.params[1] == Value("second"));

  auto response = parse_method_response(render_response(everything));
  ASSERT_TRUE(std::holds_alternative<Value>(response));
  EXPECT_TRUE(std::get<Value>(response) == everything);
}

TEST(XmlRpcCodec, RoundTripsFaults) {
  Fault fault{10, "BAD_NAME: <web> & co"};
  auto back = parse_method_response(render_fault(fault));
  ASSERT_TRUE(std::holds_alternative<Fault>(back));
  EXPECT_EQ(std::get<Fault>(back), fault);
}

TEST(XmlRpcCodec, ReadsTheSpellingsClientsUse) {
  EXPECT_TRUE(one_param("<i4>42</i4>") == Value(42));
  EXPECT_TRUE(one_param("<i8>-7</i8>") == Value(-7));
  EXPECT_TRUE(one_param("<int> +5 </int>") == Value(5));
  EXPECT_TRUE(one_param("untyped") == Value("untyped"));
  EXPECT_TRUE(one_param("") == Value(""));
  EXPECT_TRUE(one_param("   ") == Value("   "));
  EXPECT_TRUE(one_param("<string/>") == Value(""));
  EXPECT_TRUE(one_param("<string><![CDATA[<raw>]]></string>") == Value("<raw>"));
  EXPECT_TRUE(one_param("<boolean>1</boolean>") == Value(true));
  EXPECT_TRUE(one_param("<double>1.5</double>") == Value(1.5));
  EXPECT_TRUE(one_param("<nil/>") == Value());
  EXPECT_TRUE(one_param("<base64>aGVs\nbG8=</base64>") == Value(Base64{"hello"}));
  EXPECT_TRUE(one_param("<array><data/></array>") == Value(Array{}));
  EXPECT_TRUE(one_param("<struct><member><name>a</name><value>x</value></member></struct>") ==
              Value(Struct{{"a", Value("x")}}));
  MethodCall no_params =
      parse_ok("<methodCall><methodName>system.listMethods</methodName></methodCall>");
  EXPECT_EQ(no_params.method, "system.listMethods");
  EXPECT_TRUE(no_params.params.empty());
}

TEST(XmlRpcCodec, BodiesThatAreNotXmlAreNotXml) {
  for (std::string_view body : {"", "hello", "<methodCall>", "<a></b>", "{\"json\":1}",
                                "<methodCall><methodName>x</methodName></methodCall><extra/>"}) {
    EXPECT_EQ(parse_bad(body).kind, ParseError::NotXml) << body;
  }
}

TEST(XmlRpcCodec, MalformedCallsAreRefusedWithAReason) {
  const char* bad_values[] = {
      "<int>abc</int>",
      "<int>2147483648</int>",
      "<int></int>",
      "<int>1.5</int>",
      "<boolean>true</boolean>",
      "<boolean>2</boolean>",
      "<double>nan</double>",
      "<double>x</double>",
      "<base64>!!!</base64>",
      "<base64>QQ=Q</base64>",
      "<unknown>1</unknown>",
      "<int>1</int><int>2</int>",
      "<array></array>",
      "<array><data><int>1</int></data></array>",
      "<struct><member><name>a</name></member></struct>",
      "<struct><notmember/></struct>",
  };
  for (const char* value : bad_values) {
    ParseError error = parse_bad(call_with(value));
    EXPECT_EQ(error.kind, ParseError::BadCall) << value;
    EXPECT_FALSE(error.message.empty()) << value;
  }
  EXPECT_EQ(parse_bad("<other/>").kind, ParseError::BadCall);
  EXPECT_EQ(parse_bad("<methodCall><params/></methodCall>").kind, ParseError::BadCall);
  EXPECT_EQ(
      parse_bad("<methodCall><methodName>m</methodName><params><x/></params></methodCall>").kind,
      ParseError::BadCall);
}

TEST(XmlRpcCodec, DeepNestingIsRefusedNotRecursed) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) {
    deep += "<value><array><data>";
  }
  // Unclosed: not XML. Closed but too deep: refused.
  EXPECT_EQ(parse_bad(call_with(deep.substr(7))).kind, ParseError::NotXml);
  std::string nested = "<int>1</int>";
  for (int i = 0; i < 100; ++i) {
    nested = "<array><data><value>" + nested + "</value></data></array>";
  }
  EXPECT_EQ(parse_bad(call_with(nested)).kind, ParseError::BadCall);
}

TEST(XmlRpcCodec, EntitiesAreNotExpandedFromADoctype) {
  std::string body =
      "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
      "\"&a;&a;&a;&a;&a;&a;&a;&a;\">]>" +
      call_with("<string>&b;</string>").substr(21);
  auto parsed = parse_method_call(body);  // Must not blow up; either result is fine.
  if (auto* call = std::get_if<MethodCall>(&parsed)) {
    EXPECT_LT(call->params.size(), 2u);
  }
}

TEST(XmlRpcCodec, DropsControlCharactersXmlCannotCarry) {
  std::string response = render_response(Value(std::string("a\x01\x1b[0mb", 7)));
  auto back = parse_method_response(response);
  ASSERT_TRUE(std::holds_alternative<Value>(back));
  EXPECT_TRUE(std::get<Value>(back) == Value("a[0mb"));
}

// As supervisord's expat: a control character other than tab, LF and CR
// makes the body not XML, wherever it is (found by fuzz/xmlrpc.cc).
TEST(XmlRpcCodec, ControlCharactersInABodyAreNotXml) {
  EXPECT_EQ(parse_bad(call_with(std::string("<string>a\x04"
                                            "b</string>")))
                .kind,
            ParseError::NotXml);
  EXPECT_EQ(parse_bad("<methodCall><methodName>\x1bx</methodName></methodCall>").kind,
            ParseError::NotXml);
  EXPECT_EQ(parse_ok(call_with("<string>a\tb\r\nc</string>")).params.size(), 1u);
}

// A cheap fuzz: every prefix of a valid call, and bytes flipped by a fixed
// pseudo-random sequence, must give a call or an error, never a crash.
TEST(XmlRpcCodec, MutatedBodiesNeverCrash) {
  std::string valid = render_method_call(
      {"supervisor.startProcess",
       {Value("web"), Value(true), Value(Array{Value(1), Value(Struct{{"k", Value(2.5)}})}),
        Value(Base64{"xyz"}), Value(DateTime{"20260101T00:00:00"})}});
  for (size_t cut = 0; cut < valid.size(); ++cut) {
    parse_method_call(valid.substr(0, cut));
  }
  uint32_t state = 12345;
  const char specials[] = "<>/&;=\"' \0abc1";
  for (int round = 0; round < 3000; ++round) {
    std::string body = valid;
    for (int flips = 0; flips < 4; ++flips) {
      state = state * 1103515245 + 12345;
      size_t at = (state >> 8) % body.size();
      body[at] = specials[(state >> 20) % (sizeof specials - 1)];
    }
    auto parsed = parse_method_call(body);
    if (auto* error = std::get_if<ParseError>(&parsed)) {
      EXPECT_FALSE(error->message.empty());
    }
  }
}

TEST(XmlRpcCodec, Base64MatchesKnownVectors) {
  EXPECT_EQ(encode_base64(""), "");
  EXPECT_EQ(encode_base64("f"), "Zg==");
  EXPECT_EQ(encode_base64("fo"), "Zm8=");
  EXPECT_EQ(encode_base64("foo"), "Zm9v");
  EXPECT_EQ(encode_base64("foobar"), "Zm9vYmFy");
  std::string out;
  EXPECT_TRUE(decode_base64("Zm9vYg==", out));
  EXPECT_EQ(out, "foob");
  EXPECT_FALSE(decode_base64("Z", out));
}

}  // namespace
}  // namespace drover::api::xmlrpc
