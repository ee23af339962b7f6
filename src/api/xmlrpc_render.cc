// Rendering XML-RPC documents by hand: the output is small and regular, and
// writing it directly keeps a 500-process getAllProcessInfo cheap.
#include "api/xmlrpc_codec.h"

#include <array>
#include <charconv>

namespace drover::api::xmlrpc {
namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else if (byte >= 0x20 || c == '\t' || c == '\n') {
      out += c;
    } else if (c == '\r') {
      out += "&#13;";  // A raw CR would be read back as LF.
    }
    // Other control characters cannot appear in XML 1.0: dropped.
  }
}

void append_value(std::string& out, const Value& value);

struct Appender {
  std::string& out;
  void operator()(const Nil&) const { out += "<nil/>"; }
  void operator()(bool b) const { out += b ? "<boolean>1</boolean>" : "<boolean>0</boolean>"; }
  void operator()(int32_t i) const { out += "<int>" + std::to_string(i) + "</int>"; }
  void operator()(double d) const {
    std::array<char, 32> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), d);
    out += "<double>" + std::string(buffer.data(), end) + "</double>";
  }
  void operator()(const std::string& s) const {
    out += "<string>";
    append_escaped(out, s);
    out += "</string>";
  }
  void operator()(const DateTime& d) const {
    out += "<dateTime.iso8601>";
    append_escaped(out, d.iso8601);
    out += "</dateTime.iso8601>";
  }
  void operator()(const Base64& b) const {
    out += "<base64>" + encode_base64(b.bytes) + "</base64>";
  }
  void operator()(const Array& items) const {
    out += "<array><data>\n";
    for (const Value& item : items) {
      append_value(out, item);
    }
    out += "</data></array>";
  }
  void operator()(const Struct& members) const {
    out += "<struct>\n";
    for (const Member& member : members) {
      out += "<member>\n<name>";
      append_escaped(out, member.name);
      out += "</name>\n";
      append_value(out, member.value);
      out += "</member>\n";
    }
    out += "</struct>";
  }
};

void append_value(std::string& out, const Value& value) {
  out += "<value>";
  std::visit(Appender{out}, value.data);
  out += "</value>\n";
}

}  // namespace

std::string render_response(const Value& value) {
  std::string out = "<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n";
  append_value(out, value);
  out += "</param>\n</params>\n</methodResponse>\n";
  return out;
}

std::string render_fault(const Fault& fault) {
  std::string out = "<?xml version='1.0'?>\n<methodResponse>\n<fault>\n";
  append_value(
      out, Value(Struct{{"faultCode", Value(fault.code)}, {"faultString", Value(fault.message)}}));
  out += "</fault>\n</methodResponse>\n";
  return out;
}

std::string render_method_call(const MethodCall& call) {
  std::string out = "<?xml version='1.0'?>\n<methodCall>\n<methodName>";
  append_escaped(out, call.method);
  out += "</methodName>\n<params>\n";
  for (const Value& param : call.params) {
    out += "<param>\n";
    append_value(out, param);
    out += "</param>\n";
  }
  out += "</params>\n</methodCall>\n";
  return out;
}

std::string encode_base64(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (size_t i = 0; i < bytes.size(); i += 3) {
    uint32_t chunk = static_cast<uint8_t>(bytes[i]) << 16;
    size_t n = std::min<size_t>(3, bytes.size() - i);
    if (n > 1) {
      chunk |= static_cast<uint8_t>(bytes[i + 1]) << 8;
    }
    if (n > 2) {
      chunk |= static_cast<uint8_t>(bytes[i + 2]);
    }
    for (size_t k = 0; k < 4; ++k) {
      out += k <= n ? kAlphabet[(chunk >> (18 - 6 * k)) & 63] : '=';
    }
  }
  return out;
}

bool decode_base64(std::string_view text, std::string& out) {
  out.clear();
  uint32_t bits = 0;
  int count = 0;
  bool padding = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
      continue;
    }
    if (c == '=') {
      padding = true;
      continue;
    }
    size_t index = kAlphabet.find(c);
    if (index == std::string_view::npos || padding) {
      return false;
    }
    bits = (bits << 6) | static_cast<uint32_t>(index);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return count < 6;  // A lone trailing character carries no whole byte.
}

}  // namespace drover::api::xmlrpc
