#pragma once

// supervisord's event listener protocol (issue #6, 2c), pure: event names and
// supertypes, the envelope drover writes on a listener's stdin, and the
// parser of what a listener writes on its stdout.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drover::core {

// Whether `name` is an event type or supertype supervisord knows (EVENT,
// PROCESS_STATE, PROCESS_STATE_RUNNING, TICK_5, ...), as accepted in `events=`.
bool is_event_type(std::string_view name);

// Whether an event named `event` (always a concrete type) is delivered to a
// pool subscribed to `subscriptions`: an exact name, or a supertype of it.
bool subscribes_to(const std::vector<std::string>& subscriptions, std::string_view event);

// The header line plus payload, exactly as supervisord frames it.
struct Envelope {
  std::string server;  // [supervisord] identifier, "supervisor" by default.
  unsigned long serial = 0;
  std::string pool;
  unsigned long pool_serial = 0;
  std::string event;
  std::string payload;
};
std::string render_envelope(const Envelope& envelope);

// "key:value key:value", supervisord's payload layout for most events.
std::string render_fields(const std::vector<std::pair<std::string, std::string>>& fields);

// The listener side of one event listener process. supervisord's states:
// ACKNOWLEDGED after start or a result (waiting for READY), READY, BUSY while
// an event is out, UNKNOWN after a protocol error (no more events).
enum class ListenerState { Acknowledged, Ready, Busy, Unknown };
std::string_view listener_state_name(ListenerState state);

class ListenerProtocol {
 public:
  struct Output {
    enum class Kind { BecameReady, Result, ProtocolError } kind;
    std::string detail;  // Result: the body ("OK", "FAIL"); ProtocolError: what was wrong.
  };

  ListenerState state() const { return state_; }
  // An event was written to the listener: READY -> BUSY.
  void sent_event() { state_ = ListenerState::Busy; }
  // Bytes the listener wrote on stdout, in order. A result leaves the state
  // ACKNOWLEDGED; the caller decides whether its body means accepted.
  std::vector<Output> feed(std::string_view bytes);

 private:
  void step(std::vector<Output>& out);

  ListenerState state_ = ListenerState::Acknowledged;
  std::string buffer_;
  std::optional<size_t> result_length_;
};

}  // namespace drover::core
