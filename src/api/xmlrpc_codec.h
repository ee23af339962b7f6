#pragma once

#include "api/xmlrpc_value.h"

#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace drover::api::xmlrpc {

struct MethodCall {
  std::string method;
  std::vector<Value> params;
};

// Why a request body could not be read. supervisord answers a body that is
// not XML with HTTP 400 (kind NotXml); a well-formed document that is not a
// valid methodCall gets a fault instead, so a client sees what was wrong.
struct ParseError {
  enum Kind { NotXml, BadCall } kind = NotXml;
  std::string message;  // Names the offending element or text.
};

// Parses a <methodCall>. Accepts every type of the spec (int, i4, i8 within
// 32 bits, boolean, string and untyped values, double, dateTime.iso8601,
// base64, array, struct) and <nil/>. Never throws; nesting deeper than 64
// levels is refused rather than recursed into.
std::variant<MethodCall, ParseError> parse_method_call(std::string_view body);

// A <methodResponse> with one value, or with a fault, as Python's xmlrpc
// module writes them. Strings keep their bytes except control characters
// that XML 1.0 cannot carry (they are dropped; tabs and newlines stay).
std::string render_response(const Value& value);
std::string render_fault(const Fault& fault);
std::string render_method_call(const MethodCall& call);  // For tests and clients.

// The parsed <methodResponse>: a value or a fault (tests, benchmarks).
std::variant<Value, Fault, ParseError> parse_method_response(std::string_view body);

std::string encode_base64(std::string_view bytes);
// Ignores whitespace; false on any other character outside the alphabet.
bool decode_base64(std::string_view text, std::string& out);

}  // namespace drover::api::xmlrpc
