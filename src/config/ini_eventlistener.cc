// [eventlistener:x]: a [program:x] whose stdin and stdout speak supervisord's
// event listener protocol, plus the options only listeners have.
#include "config/ini_program.h"
#include "core/event_protocol.h"

#include <climits>

namespace drover::config {

const std::vector<std::string>& eventlistener_keys() {
  static const std::vector<std::string> keys = {"events", "buffer_size", "result_handler"};
  return keys;
}

void read_event_listener(IniSectionReader& r, const std::string& pool, core::ServiceSpec& spec) {
  core::EventListenerSpec& listener = spec.event_listener;
  listener.pool = pool;
  std::string events = r.text("events").value_or("");
  size_t at = 0;
  bool unknown = false;
  while (at <= events.size()) {
    size_t comma = events.find(',', at);
    std::string name =
        events.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    if (!name.empty()) {
      if (core::is_event_type(name)) {
        listener.events.push_back(name);
      } else {
        r.error("events", "unknown event type " + name);
        unknown = true;
      }
    }
    if (comma == std::string::npos) {
      break;
    }
    at = comma + 1;
  }
  if (listener.events.empty() && r.entry("events") == nullptr) {
    r.error("events", "an [eventlistener:x] section must have an events= line");
  } else if (listener.events.empty() && !unknown) {
    r.error("events", "names no event type");
  }
  if (auto size = r.integer("buffer_size", 1, INT_MAX)) {
    listener.buffer_size = static_cast<int>(*size);
  }
  if (auto handler = r.text("result_handler");
      handler && *handler != "supervisor.dispatchers:default_handler") {
    r.warn("result_handler",
           "custom result handlers are Python code drover cannot run; "
           "the default (OK accepts, anything else rejects) is used");
  }
}

}  // namespace drover::config
