// XML-RPC on pugixml (decision 0009): parse into a DOM, walk it with a depth
// bound, and render by hand in the layout Python's xmlrpc module writes.
#include "api/xmlrpc_codec.h"

#include <pugixml.hpp>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace drover::api::xmlrpc {
namespace {

constexpr int kMaxDepth = 64;

struct Bad {
  std::string message;
};
using Parsed = std::variant<Value, Bad>;

bool is_element(const pugi::xml_node& node) { return node.type() == pugi::node_element; }

// The only element child of `node`; text and comments around it are ignored.
// Null when there is none or more than one.
pugi::xml_node only_element(const pugi::xml_node& node) {
  pugi::xml_node found;
  for (pugi::xml_node child : node.children()) {
    if (is_element(child)) {
      if (found) {
        return {};
      }
      found = child;
    }
  }
  return found;
}

std::string text_of(const pugi::xml_node& node) {
  std::string text;
  for (pugi::xml_node child : node.children()) {
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      text += child.value();
    }
  }
  return text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::strchr(" \t\r\n", text.front()) != nullptr) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::strchr(" \t\r\n", text.back()) != nullptr) {
    text.remove_suffix(1);
  }
  return text;
}

Parsed parse_int(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
  }
  int64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      number < std::numeric_limits<int32_t>::min() ||
      number > std::numeric_limits<int32_t>::max()) {
    return Bad{"not a 32-bit integer: \"" + std::string(text) + "\""};
  }
  return Value(static_cast<int32_t>(number));
}

Parsed parse_double(std::string_view text) {
  text = trim(text);
  double number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(number)) {
    return Bad{"not a double: \"" + std::string(text) + "\""};
  }
  return Value(number);
}

Parsed parse_value(const pugi::xml_node& value, int depth);

Parsed parse_array(const pugi::xml_node& node, int depth) {
  pugi::xml_node data = only_element(node);
  if (!data || std::strcmp(data.name(), "data") != 0) {
    return Bad{"<array> must hold one <data>"};
  }
  Array items;
  for (pugi::xml_node child : data.children()) {
    if (!is_element(child)) {
      continue;
    }
    Parsed item = parse_value(child, depth + 1);
    if (Bad* bad = std::get_if<Bad>(&item)) {
      return *bad;
    }
    items.push_back(std::move(std::get<Value>(item)));
  }
  return Value(std::move(items));
}

Parsed parse_struct(const pugi::xml_node& node, int depth) {
  Struct members;
  for (pugi::xml_node member : node.children()) {
    if (!is_element(member)) {
      continue;
    }
    pugi::xml_node name = member.child("name");
    pugi::xml_node value = member.child("value");
    if (std::strcmp(member.name(), "member") != 0 || !name || !value) {
      return Bad{"<struct> members must be <member> with <name> and <value>"};
    }
    Parsed parsed = parse_value(value, depth + 1);
    if (Bad* bad = std::get_if<Bad>(&parsed)) {
      return *bad;
    }
    members.push_back(Member{text_of(name), std::move(std::get<Value>(parsed))});
  }
  return Value(std::move(members));
}

Parsed parse_typed(const pugi::xml_node& typed, int depth) {
  std::string_view type = typed.name();
  std::string text = text_of(typed);
  if (type == "int" || type == "i4" || type == "i8") {
    return parse_int(text);
  }
  if (type == "boolean") {
    std::string_view flag = trim(text);
    if (flag != "0" && flag != "1") {
      return Bad{"a boolean must be 0 or 1, not \"" + std::string(flag) + "\""};
    }
    return Value(flag == "1");
  }
  if (type == "string") {
    return Value(std::move(text));
  }
  if (type == "double") {
    return parse_double(text);
  }
  if (type == "dateTime.iso8601") {
    return Value(DateTime{std::string(trim(text))});
  }
  if (type == "base64") {
    std::string bytes;
    if (!decode_base64(text, bytes)) {
      return Bad{"invalid base64"};
    }
    return Value(Base64{std::move(bytes)});
  }
  if (type == "nil" || type == "ex:nil") {
    return Value();
  }
  if (type == "array") {
    return parse_array(typed, depth);
  }
  if (type == "struct") {
    return parse_struct(typed, depth);
  }
  return Bad{"unknown value type <" + std::string(type) + ">"};
}

Parsed parse_value(const pugi::xml_node& value, int depth) {
  if (depth > kMaxDepth) {
    return Bad{"values nested deeper than 64 levels"};
  }
  if (std::strcmp(value.name(), "value") != 0) {
    return Bad{"expected <value>, found <" + std::string(value.name()) + ">"};
  }
  bool has_element = false;
  for (pugi::xml_node child : value.children()) {
    has_element = has_element || is_element(child);
  }
  if (!has_element) {
    return Value(text_of(value));  // An untyped value is a string.
  }
  pugi::xml_node typed = only_element(value);
  if (!typed) {
    return Bad{"<value> must hold one type element"};
  }
  return parse_typed(typed, depth);
}

std::variant<pugi::xml_document*, ParseError> load(pugi::xml_document& document,
                                                   std::string_view body) {
  // XML 1.0 has no place for other C0 control characters, raw or escaped;
  // pugixml would pass them through, supervisord's expat refuses the body.
  for (size_t at = 0; at < body.size(); ++at) {
    auto byte = static_cast<unsigned char>(body[at]);
    if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') {
      return ParseError{ParseError::NotXml, "not XML: control character " + std::to_string(byte) +
                                                " at offset " + std::to_string(at)};
    }
  }
  // parse_ws_pcdata keeps whitespace-only strings; no DOCTYPE is read, so
  // no entity can expand.
  pugi::xml_parse_result result = document.load_buffer(
      body.data(), body.size(), pugi::parse_default | pugi::parse_ws_pcdata, pugi::encoding_utf8);
  if (!result) {
    return ParseError{ParseError::NotXml, std::string("not XML: ") + result.description() +
                                              " at offset " + std::to_string(result.offset)};
  }
  int roots = 0;
  for (pugi::xml_node child : document.children()) {
    roots += is_element(child) ? 1 : 0;
  }
  if (roots != 1) {  // pugixml reads fragments; an XML document has one root.
    return ParseError{ParseError::NotXml, "not XML: a document needs exactly one root element"};
  }
  return &document;
}

}  // namespace

const Value* Value::member(std::string_view name) const {
  if (const Struct* members = get<Struct>()) {
    for (const Member& each : *members) {
      if (each.name == name) {
        return &each.value;
      }
    }
  }
  return nullptr;
}

bool Value::operator==(const Value& other) const { return data == other.data; }

std::variant<MethodCall, ParseError> parse_method_call(std::string_view body) {
  pugi::xml_document document;
  auto loaded = load(document, body);
  if (ParseError* error = std::get_if<ParseError>(&loaded)) {
    return *error;
  }
  auto bad = [](std::string message) {
    return ParseError{ParseError::BadCall, std::move(message)};
  };
  pugi::xml_node call = document.document_element();
  if (std::strcmp(call.name(), "methodCall") != 0) {
    return bad("the document is not a <methodCall>");
  }
  MethodCall out;
  out.method = std::string(trim(text_of(call.child("methodName"))));
  if (out.method.empty()) {
    return bad("<methodCall> has no <methodName>");
  }
  for (pugi::xml_node param : call.child("params").children()) {
    if (!is_element(param)) {
      continue;
    }
    pugi::xml_node value = only_element(param);
    if (std::strcmp(param.name(), "param") != 0 || !value) {
      return bad("<params> must hold <param> elements with one <value>");
    }
    Parsed parsed = parse_value(value, 0);
    if (Bad* error = std::get_if<Bad>(&parsed)) {
      return bad(error->message);
    }
    out.params.push_back(std::move(std::get<Value>(parsed)));
  }
  return out;
}

std::variant<Value, Fault, ParseError> parse_method_response(std::string_view body) {
  pugi::xml_document document;
  auto loaded = load(document, body);
  if (ParseError* error = std::get_if<ParseError>(&loaded)) {
    return *error;
  }
  pugi::xml_node response = document.document_element();
  pugi::xml_node value = response.child("params").child("param").child("value");
  pugi::xml_node fault = response.child("fault").child("value");
  Parsed parsed = fault ? parse_value(fault, 0) : value ? parse_value(value, 0) : Bad{"no value"};
  if (std::strcmp(response.name(), "methodResponse") != 0 || std::holds_alternative<Bad>(parsed)) {
    return ParseError{ParseError::BadCall, "not a valid <methodResponse>"};
  }
  Value result = std::move(std::get<Value>(parsed));
  if (!fault) {
    return result;
  }
  const Value* code = result.member("faultCode");
  const Value* message = result.member("faultString");
  if (code == nullptr || !code->get<int32_t>() || message == nullptr ||
      !message->get<std::string>()) {
    return ParseError{ParseError::BadCall, "a fault needs faultCode and faultString"};
  }
  return Fault{*code->get<int32_t>(), *message->get<std::string>()};
}

}  // namespace drover::api::xmlrpc
