// XML-RPC bodies from any client: parsing never crashes, and rendering what
// parsed is stable: after one pass (which drops what XML 1.0 cannot carry,
// such as control characters, and trims the method name as parsing does),
// render and parse reach a fixed point, so no value is lost or changed on
// its way through drover's codec.
#include "api/xmlrpc_codec.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace {

using drover::api::xmlrpc::MethodCall;

std::optional<std::string> render_parsed(std::string_view body) {
  auto parsed = drover::api::xmlrpc::parse_method_call(body);
  const MethodCall* call = std::get_if<MethodCall>(&parsed);
  if (call == nullptr) {
    return std::nullopt;
  }
  return drover::api::xmlrpc::render_method_call(*call);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)drover::api::xmlrpc::parse_method_response(body);
  std::optional<std::string> once = render_parsed(body);
  if (!once) {
    return 0;
  }
  std::optional<std::string> twice = render_parsed(*once);
  std::optional<std::string> thrice = twice ? render_parsed(*twice) : std::nullopt;
  if (!twice || !thrice || *thrice != *twice) {
    std::fprintf(stderr, "render/parse is not stable:\n%s\n%s\n", once->c_str(),
                 twice ? twice->c_str() : "(does not parse)");
    __builtin_trap();
  }
  return 0;
}
