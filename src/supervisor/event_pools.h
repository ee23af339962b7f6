#pragma once

#include "core/event_protocol.h"
#include "core/model.h"
#include "runtime/runtime.h"

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace drover::supervisor {

// supervisord's event listener pools (issue #6, 2c), without the loop: the
// supervisor tells it what happened and it writes envelopes through `send`.
// One pool per [eventlistener:x]; each keeps up to buffer_size events and
// hands the oldest to the first READY listener that is RUNNING.
class EventPools {
 public:
  // Writes bytes to a listener instance's stdin; false when it cannot.
  using Send = std::function<bool(runtime::InstanceId, std::string)>;

  EventPools(std::string server, Send send) : server_(std::move(server)), send_(std::move(send)) {}

  // A listener pool exists from this call on; events emitted before it are
  // not seen by it, as in supervisord where a pool subscribes when created.
  void add_listener(const core::ServiceSpec& spec);
  void remove_listener(const std::string& name);
  bool any_subscribes(std::string_view event) const;
  bool empty() const { return pools_.empty(); }

  // An event of a concrete type; queued in every subscribed pool.
  void emit(const std::string& event, const std::string& payload);

  // The listener process `name` is RUNNING as `instance` (or no longer, with
  // running=false: its event, if any, goes back to the head of the queue).
  void listener_running(const std::string& name, runtime::InstanceId instance, bool running);
  // Bytes the listener wrote on stdout. Returns those that were not protocol
  // (after an error), to be logged.
  std::string listener_output(const std::string& name, std::string_view bytes);

 private:
  struct Event {
    unsigned long serial;
    unsigned long pool_serial;
    std::string name;
    std::string payload;
  };
  struct Listener {
    std::string pool;
    core::ListenerProtocol protocol;
    runtime::InstanceId instance = 0;
    bool running = false;
    std::optional<Event> busy_with;
  };
  struct Pool {
    std::vector<std::string> subscriptions;
    size_t buffer_size = 10;
    unsigned long next_serial = 0;
    std::deque<Event> buffer;
  };

  void requeue(Listener& listener);
  void push(const std::string& pool_name, Pool& pool, Event event, bool head);
  void dispatch(const std::string& pool_name);

  std::string server_;
  Send send_;
  unsigned long next_serial_ = 0;
  std::map<std::string, Pool> pools_;
  std::map<std::string, Listener> listeners_;  // By service name; ordered like supervisord's dict.
};

}  // namespace drover::supervisor
