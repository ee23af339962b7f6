#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace drover::api::xmlrpc {

// One XML-RPC value (http://xmlrpc.com/spec.md), as supervisord's client and
// server exchange them. Structs keep their members' order so that responses
// are deterministic; lookups are linear (supervisord's structs are small).
struct Member;
struct Nil {
  bool operator==(const Nil&) const = default;
};
struct DateTime {
  std::string iso8601;  // "20261123T18:31:43", passed through as sent.
  bool operator==(const DateTime&) const = default;
};
struct Base64 {
  std::string bytes;  // Decoded.
  bool operator==(const Base64&) const = default;
};

struct Value {
  using Array = std::vector<Value>;
  using Struct = std::vector<Member>;
  std::variant<Nil, bool, int32_t, double, std::string, DateTime, Base64, Array, Struct> data;

  Value() = default;
  Value(bool b) : data(b) {}
  Value(int32_t i) : data(i) {}
  Value(double d) : data(d) {}
  Value(std::string s) : data(std::move(s)) {}
  Value(const char* s) : data(std::string(s)) {}
  Value(DateTime d) : data(std::move(d)) {}
  Value(Base64 b) : data(std::move(b)) {}
  Value(Array a) : data(std::move(a)) {}
  Value(Struct s) : data(std::move(s)) {}

  template <typename T>
  const T* get() const {
    return std::get_if<T>(&data);
  }
  // The member's value, or nullptr when this is not a struct or has no such member.
  const Value* member(std::string_view name) const;
  bool operator==(const Value& other) const;
};

struct Member {
  std::string name;
  Value value;
  bool operator==(const Member&) const = default;
};

using Array = Value::Array;
using Struct = Value::Struct;

// The error an XML-RPC method returns instead of a value.
struct Fault {
  int code = 0;
  std::string message;
  bool operator==(const Fault&) const = default;
};

}  // namespace drover::api::xmlrpc
