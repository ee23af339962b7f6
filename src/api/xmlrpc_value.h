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

  // Defined after Member: a constructor body needs Member complete (clang
  // instantiates the vector's destructor there).
  Value() = default;
  Value(bool b);
  Value(int32_t i);
  Value(double d);
  Value(std::string s);
  Value(const char* s);
  Value(DateTime d);
  Value(Base64 b);
  Value(Array a);
  Value(Struct s);

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

inline Value::Value(bool b) : data(b) {}
inline Value::Value(int32_t i) : data(i) {}
inline Value::Value(double d) : data(d) {}
inline Value::Value(std::string s) : data(std::move(s)) {}
inline Value::Value(const char* s) : data(std::string(s)) {}
inline Value::Value(DateTime d) : data(std::move(d)) {}
inline Value::Value(Base64 b) : data(std::move(b)) {}
inline Value::Value(Array a) : data(std::move(a)) {}
inline Value::Value(Struct s) : data(std::move(s)) {}

using Array = Value::Array;
using Struct = Value::Struct;

// The error an XML-RPC method returns instead of a value.
struct Fault {
  int code = 0;
  std::string message;
  bool operator==(const Fault&) const = default;
};

}  // namespace drover::api::xmlrpc
