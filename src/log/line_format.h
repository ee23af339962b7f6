#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace drover::log {

// Pieces of the unified stream's line formats, shared by every writer of
// them (the console today, `drover logs` output later).

// Appends `time_ms` (milliseconds since the epoch) as UTC with milliseconds:
// "2026-11-23T16:52:29.123Z".
void append_timestamp(std::string& out, int64_t time_ms);
std::string format_timestamp(int64_t time_ms);

// Appends `text` as a JSON string literal, quotes included. `"` and `\` are
// escaped with a backslash, every control character below 0x20 as \u00XX,
// and each byte that does not start a well-formed UTF-8 sequence (a stray
// continuation byte, a truncated or overlong sequence, a surrogate, a code
// point above U+10FFFF) becomes U+FFFD, so the output is always valid UTF-8
// and valid JSON. Everything else, including DEL and non-ASCII characters,
// is copied as is.
void append_json_string(std::string& out, std::string_view text);

}  // namespace drover::log
