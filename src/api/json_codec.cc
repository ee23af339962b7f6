// JSON rendering and parsing for the v1 API. Kept in one translation unit
// because Boost.JSON's headers are slow to compile; callers see strings.
// Parsing uses the error_code overloads so nothing here throws on bad input.
#include "api/json_codec.h"

#include "base/signal_names.h"

#include <boost/json.hpp>

namespace drover::api {
namespace {

boost::json::value exit_value(const std::optional<core::ExitStatus>& status) {
  if (!status) {
    return nullptr;
  }
  return boost::json::object{{"code", status->code}, {"signal", status->signal}};
}

boost::json::object service_object(const core::ServiceView& view) {
  boost::json::object object;
  object["name"] = view.name;
  object["type"] = view.type;
  object["state"] = core::state_name(view.state);
  object["want"] = view.want;
  object["pid"] = view.pid;
  object["started_at"] = view.started_at;
  object["stopped_at"] = view.stopped_at;
  object["uptime_seconds"] = view.uptime_seconds;
  object["restarts"] = view.restarts;
  object["last_exit"] = exit_value(view.last_exit);
  object["description"] = view.description;
  object["memory_bytes"] = view.memory_bytes ? boost::json::value(*view.memory_bytes) : nullptr;
  object["cpu_seconds"] =
      view.cpu_micros ? boost::json::value(static_cast<double>(*view.cpu_micros) / 1e6) : nullptr;
  object["log_dropped_bytes"] = view.log_dropped_bytes;
  object["autostart"] = view.autostart;
  object["required"] = view.required;
  object["health"] = view.health;
  object["health_output"] = view.health_output;
  object["probe_latency_ms"] = view.probe_latency_ms;
  object["probe_at"] = view.probe_at;
  object["ready_status"] = view.ready_status;
  if (!view.schedule.empty()) {
    object["schedule"] = view.schedule;
    object["timezone"] = view.timezone;
    object["next_run_at"] = view.next_run_at;
    object["last_run_at"] = view.last_run_at;
    object["last_run_result"] = view.last_run_result;
    object["last_run_duration_ms"] = view.last_run_duration_ms;
    object["runs"] = view.runs;
    object["skipped_runs"] = view.skipped_runs;
  }
  return object;
}

boost::json::object log_object(const core::LogEntry& entry) {
  boost::json::object object;
  object["seq"] = entry.sequence;
  object["ts"] = entry.time_ms;
  object["service"] = entry.service;
  object["stream"] = entry.stream == core::LogStream::Stderr ? "stderr" : "stdout";
  object["continued"] = entry.continued;
  object["line"] = entry.text;
  return object;
}

Error body_error(std::string message) {
  return make_error(Errc::InvalidArgument, std::move(message));
}

}  // namespace

std::string render_service(const core::ServiceView& view) {
  return boost::json::serialize(service_object(view));
}

std::string render_services(const std::vector<core::ServiceView>& views) {
  boost::json::array services;
  services.reserve(views.size());
  for (const core::ServiceView& view : views) {
    services.push_back(service_object(view));
  }
  return boost::json::serialize(boost::json::object{{"services", std::move(services)}});
}

std::string render_outcomes(const std::vector<core::CommandOutcome>& outcomes) {
  boost::json::array results;
  for (const core::CommandOutcome& outcome : outcomes) {
    results.push_back(boost::json::object{
        {"name", outcome.name}, {"ok", outcome.ok}, {"message", outcome.message}});
  }
  return boost::json::serialize(boost::json::object{{"results", std::move(results)}});
}

std::string render_error(std::string_view code, std::string_view message) {
  boost::json::object error{{"code", code}, {"message", message}};
  return boost::json::serialize(boost::json::object{{"error", std::move(error)}});
}

std::string render_status(std::string_view status) {
  return boost::json::serialize(boost::json::object{{"status", status}});
}

std::string render_stack_health(const core::HealthSummary& summary,
                                const std::vector<core::ServiceView>& views) {
  boost::json::array reasons;
  for (const std::string& reason : summary.reasons) {
    reasons.push_back(boost::json::string(reason));
  }
  boost::json::array services;
  for (const core::ServiceView& view : views) {
    services.push_back(boost::json::object{{"name", view.name},
                                           {"state", core::state_name(view.state)},
                                           {"health", view.health},
                                           {"health_output", view.health_output},
                                           {"description", view.description}});
  }
  return boost::json::serialize(
      boost::json::object{{"status", summary.healthy ? "healthy" : "unhealthy"},
                          {"reasons", std::move(reasons)},
                          {"services", std::move(services)}});
}

std::string render_log_entry(const core::LogEntry& entry) {
  return boost::json::serialize(log_object(entry));
}

std::string render_log_entries(const std::vector<core::LogEntry>& entries) {
  boost::json::array lines;
  lines.reserve(entries.size());
  for (const core::LogEntry& entry : entries) {
    lines.push_back(log_object(entry));
  }
  return boost::json::serialize(boost::json::object{{"lines", std::move(lines)}});
}

std::string render_dropped(uint64_t count) {
  return boost::json::serialize(boost::json::object{{"dropped", count}});
}

Result<int> parse_signal_body(std::string_view body) {
  constexpr std::string_view kShape = R"(; expected a JSON object like {"signal":"HUP"})";
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(body, ec);
  if (ec) {
    return body_error("request body is not valid JSON (" + ec.message() + ")" +
                      std::string(kShape));
  }
  const boost::json::object* object = value.if_object();
  const boost::json::value* signal = object ? object->if_contains("signal") : nullptr;
  if (signal == nullptr) {
    return body_error("request body has no \"signal\" member" + std::string(kShape));
  }
  if (const boost::json::string* name = signal->if_string()) {
    return parse_signal(std::string_view(*name));
  }
  if (signal->is_int64() || signal->is_uint64()) {
    // parse_signal does the range check, so numbers and names fail alike.
    return parse_signal(boost::json::serialize(*signal));
  }
  return body_error("\"signal\" must be a signal name like \"HUP\" or a number");
}

}  // namespace drover::api
