#pragma once

#include "base/result.h"
#include "core/health_summary.h"
#include "core/log_entry.h"
#include "core/service_view.h"

#include <string>
#include <string_view>
#include <vector>

namespace drover::api {

// The JSON shapes of the v1 API (docs/api.md). Boost.JSON stays inside
// json_codec.cc; everything here speaks std::string, so the router and its
// tests compile without it. Output is compact, keys in the documented order.

// {"name":..,"type":..,"state":"RUNNING","want":..,"pid":..,"started_at":..,
//  "stopped_at":..,"uptime_seconds":..,"restarts":..,
//  "last_exit":{"code":..,"signal":..}|null,"description":..}
std::string render_service(const core::ServiceView& view);
// {"services":[<service>...]}
std::string render_services(const std::vector<core::ServiceView>& views);
// {"results":[{"name":..,"ok":..,"message":..}...]}
std::string render_outcomes(const std::vector<core::CommandOutcome>& outcomes);
// {"error":{"code":..,"message":..}}
std::string render_error(std::string_view code, std::string_view message);
// {"status":..}
std::string render_status(std::string_view status);
// {"status":"healthy"|"unhealthy","reasons":[...],"services":[{name,state,health,...}]}
std::string render_stack_health(const core::HealthSummary& summary,
                                const std::vector<core::ServiceView>& views);

// {"seq":..,"ts":..,"service":..,"stream":"stdout"|"stderr","continued":..,"line":..}
// The line's bytes are passed through as they are (a service may write
// invalid UTF-8); clients should parse leniently.
std::string render_log_entry(const core::LogEntry& entry);
// {"lines":[<entry>...]}
std::string render_log_entries(const std::vector<core::LogEntry>& entries);
// {"dropped":N}: the marker a follow stream puts where it dropped lines.
std::string render_dropped(uint64_t count);

// The body of POST /v1/services/{name}/signal: {"signal":"HUP"} or
// {"signal":1}. Returns the signal number, or Errc::InvalidArgument saying
// what is wrong (not JSON, no "signal" member, unknown signal).
Result<int> parse_signal_body(std::string_view body);

}  // namespace drover::api
