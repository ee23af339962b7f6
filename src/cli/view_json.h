#pragma once

#include "base/result.h"
#include "core/service_view.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drover::cli {

// Decoders for the API's JSON (docs/api.md), the inverse of api/json_codec.
// The CLI may not link api/, so the two sides meet only in that document and
// in the round-trip test. Decoding is lenient about missing fields (they keep
// their defaults), so a newer daemon that adds fields still works. Errors are
// Errc::Internal "unexpected reply from the daemon: ...".

// {"services":[...]} -> views.
Result<std::vector<core::ServiceView>> parse_services(std::string_view text);
// {"results":[...]} -> outcomes.
Result<std::vector<core::CommandOutcome>> parse_outcomes(std::string_view text);

// One line of `drover logs` as the API sends it (docs/api.md, the logs
// routes), or the {"dropped":N} marker of a follow stream.
struct LogRecord {
  std::string json;  // The object as compact JSON, for --json.
  std::string service;
  bool from_stderr = false;
  std::string line;
  std::optional<uint64_t> dropped;  // Set for a {"dropped":N} marker.
};
// One NDJSON line of a follow stream; `json` is `text` as received. Bytes
// that are not valid UTF-8 are accepted (services write what they write).
Result<LogRecord> parse_log_record(std::string_view text);
// {"lines":[...]} -> the records, each with its compact JSON.
Result<std::vector<LogRecord>> parse_log_lines(std::string_view text);

// A daemon's error reply: {"error":{"code":..,"message":..}} -> {code, message}.
// A body that is not such an object gives code "" and a message naming the
// HTTP status and quoting the body.
struct DaemonError {
  std::string code;
  std::string message;
};
DaemonError parse_error(int http_status, std::string_view body);

// {"services":[...]} keeping only the services named in `names`, in the
// order of `names`; compact JSON.
// REQUIRES: `text` parses with parse_services() and has every name.
std::string select_services_json(std::string_view text, const std::vector<std::string>& names);

}  // namespace drover::cli
