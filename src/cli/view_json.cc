// Decodes the control API's JSON for the CLI. The only Boost.JSON user in
// cli/: its headers are slow to compile, so they stay in this file.
#include "cli/view_json.h"

#include <boost/json.hpp>

namespace drover::cli {
namespace {

namespace json = boost::json;

Error unexpected(std::string_view what) {
  return make_error(Errc::Internal, "unexpected reply from the daemon: " + std::string(what));
}

std::string string_member(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_string() ? std::string(value->get_string()) : std::string();
}

int64_t int_member(const json::object& object, std::string_view key) {
  const json::value* value = object.if_contains(key);
  return value && value->is_int64() ? value->get_int64() : 0;
}

core::State state_from_name(std::string_view name) {
  for (int i = 0; i < static_cast<int>(core::State::kCount); ++i) {
    if (core::state_name(static_cast<core::State>(i)) == name) {
      return static_cast<core::State>(i);
    }
  }
  return core::State::Unknown;
}

core::ServiceView view_from(const json::object& object) {
  core::ServiceView view;
  view.name = string_member(object, "name");
  view.type = string_member(object, "type");
  view.state = state_from_name(string_member(object, "state"));
  view.want = string_member(object, "want");
  view.pid = static_cast<int>(int_member(object, "pid"));
  view.started_at = int_member(object, "started_at");
  view.stopped_at = int_member(object, "stopped_at");
  view.uptime_seconds = int_member(object, "uptime_seconds");
  view.restarts = static_cast<int>(int_member(object, "restarts"));
  const json::value* last_exit = object.if_contains("last_exit");
  if (last_exit && last_exit->is_object()) {
    view.last_exit =
        core::ExitStatus{static_cast<int>(int_member(last_exit->get_object(), "code")),
                         static_cast<int>(int_member(last_exit->get_object(), "signal"))};
  }
  view.description = string_member(object, "description");
  view.log_dropped_bytes = static_cast<uint64_t>(int_member(object, "log_dropped_bytes"));
  view.health = string_member(object, "health");
  view.health_output = string_member(object, "health_output");
  view.probe_latency_ms =
      object.contains("probe_latency_ms") ? int_member(object, "probe_latency_ms") : -1;
  view.probe_at = int_member(object, "probe_at");
  view.ready_status = string_member(object, "ready_status");
  const json::value* autostart = object.if_contains("autostart");
  view.autostart = !(autostart && autostart->is_bool()) || autostart->get_bool();
  const json::value* required = object.if_contains("required");
  view.required = required && required->is_bool() && required->get_bool();
  return view;
}

json::value parse_lenient(std::string_view text, boost::system::error_code& ec) {
  json::parse_options options;
  options.allow_invalid_utf8 = true;
  return json::parse(text, ec, {}, options);
}

LogRecord log_record_from(const json::object& object, std::string json_text) {
  LogRecord record;
  record.json = std::move(json_text);
  if (const json::value* dropped = object.if_contains("dropped")) {
    record.dropped = dropped->is_uint64()  ? dropped->get_uint64()
                     : dropped->is_int64() ? static_cast<uint64_t>(dropped->get_int64())
                                           : 0;
    return record;
  }
  record.service = string_member(object, "service");
  record.from_stderr = string_member(object, "stream") == "stderr";
  record.line = string_member(object, "line");
  return record;
}

// The array under `key` in a top-level object, or an error.
Result<json::array> array_member(std::string_view text, std::string_view key) {
  boost::system::error_code ec;
  json::value value = parse_lenient(text, ec);
  if (ec) {
    return unexpected(ec.message());
  }
  const json::object* object = value.if_object();
  const json::value* member = object ? object->if_contains(key) : nullptr;
  if (member == nullptr || !member->is_array()) {
    return unexpected("no \"" + std::string(key) + "\" array");
  }
  return member->get_array();
}

}  // namespace

Result<std::vector<core::ServiceView>> parse_services(std::string_view text) {
  Result<json::array> array = array_member(text, "services");
  if (!array) {
    return array.error();
  }
  std::vector<core::ServiceView> views;
  for (const json::value& element : *array) {
    if (!element.is_object()) {
      return unexpected("a service is not an object");
    }
    views.push_back(view_from(element.get_object()));
  }
  return views;
}

Result<std::vector<core::CommandOutcome>> parse_outcomes(std::string_view text) {
  Result<json::array> array = array_member(text, "results");
  if (!array) {
    return array.error();
  }
  std::vector<core::CommandOutcome> outcomes;
  for (const json::value& element : *array) {
    if (!element.is_object()) {
      return unexpected("a result is not an object");
    }
    const json::object& object = element.get_object();
    const json::value* ok = object.if_contains("ok");
    outcomes.push_back({string_member(object, "name"), ok && ok->is_bool() && ok->get_bool(),
                        string_member(object, "message")});
  }
  return outcomes;
}

Result<LogRecord> parse_log_record(std::string_view text) {
  boost::system::error_code ec;
  json::value value = parse_lenient(text, ec);
  if (ec || !value.is_object()) {
    return unexpected("a log line is not a JSON object: " + std::string(text.substr(0, 200)));
  }
  return log_record_from(value.get_object(), std::string(text));
}

Result<std::vector<LogRecord>> parse_log_lines(std::string_view text) {
  Result<json::array> array = array_member(text, "lines");
  if (!array) {
    return array.error();
  }
  std::vector<LogRecord> records;
  for (const json::value& element : *array) {
    if (!element.is_object()) {
      return unexpected("a log line is not an object");
    }
    records.push_back(log_record_from(element.get_object(), json::serialize(element)));
  }
  return records;
}

DaemonError parse_error(int http_status, std::string_view body) {
  boost::system::error_code ec;
  json::value value = json::parse(body, ec);
  const json::object* object = ec ? nullptr : value.if_object();
  const json::value* error = object ? object->if_contains("error") : nullptr;
  if (error && error->is_object()) {
    DaemonError result{string_member(error->get_object(), "code"),
                       string_member(error->get_object(), "message")};
    if (!result.message.empty()) {
      return result;
    }
  }
  return {"", "the daemon answered HTTP " + std::to_string(http_status) + ": " +
                  std::string(body.substr(0, 200))};
}

std::string select_services_json(std::string_view text, const std::vector<std::string>& names) {
  Result<json::array> all = array_member(text, "services");
  json::array selected;
  if (!all) {
    all = json::array();
  }
  for (const std::string& name : names) {
    for (const json::value& element : *all) {
      if (element.is_object() && string_member(element.get_object(), "name") == name) {
        selected.push_back(element);
      }
    }
  }
  return json::serialize(json::object{{"services", std::move(selected)}});
}

}  // namespace drover::cli
