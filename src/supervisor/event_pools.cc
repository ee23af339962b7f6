#include "supervisor/event_pools.h"

#include "log/diagnostics.h"

#include <algorithm>

namespace drover::supervisor {

void EventPools::add_listener(const core::ServiceSpec& spec) {
  const core::EventListenerSpec& config = spec.event_listener;
  Pool& pool = pools_[config.pool];
  pool.subscriptions = config.events;
  pool.buffer_size = static_cast<size_t>(std::max(1, config.buffer_size));
  Listener& listener = listeners_[spec.name];
  listener.pool = config.pool;
}

void EventPools::remove_listener(const std::string& name) {
  auto found = listeners_.find(name);
  if (found == listeners_.end()) {
    return;
  }
  std::string pool = found->second.pool;
  listeners_.erase(found);
  bool members_left = std::any_of(listeners_.begin(), listeners_.end(),
                                  [&](const auto& entry) { return entry.second.pool == pool; });
  if (!members_left) {
    pools_.erase(pool);
  }
}

bool EventPools::any_subscribes(std::string_view event) const {
  return std::any_of(pools_.begin(), pools_.end(), [&](const auto& entry) {
    return core::subscribes_to(entry.second.subscriptions, event);
  });
}

// The global serial is taken when the first pool accepts the event, so
// events nobody listens to use no serial (supervisord's _acceptEvent).
void EventPools::emit(const std::string& event, const std::string& payload) {
  std::optional<unsigned long> serial;
  std::vector<std::string> accepted;
  for (auto& [name, pool] : pools_) {
    if (!core::subscribes_to(pool.subscriptions, event)) {
      continue;
    }
    if (!serial) {
      serial = next_serial_++;
    }
    push(name, pool, Event{*serial, pool.next_serial++, event, payload}, false);
    accepted.push_back(name);
  }
  for (const std::string& name : accepted) {
    dispatch(name);
  }
}

void EventPools::push(const std::string& pool_name, Pool& pool, Event event, bool head) {
  if (pool.buffer.size() >= pool.buffer_size) {
    log::error("", "pool " + pool_name + " event buffer overflowed, discarding event " +
                       std::to_string(pool.buffer.front().serial));
    pool.buffer.pop_front();
  }
  if (head) {
    pool.buffer.push_front(std::move(event));
  } else {
    pool.buffer.push_back(std::move(event));
  }
}

void EventPools::requeue(Listener& listener) {
  if (!listener.busy_with) {
    return;
  }
  auto pool = pools_.find(listener.pool);
  if (pool != pools_.end()) {
    push(listener.pool, pool->second, std::move(*listener.busy_with), true);
  }
  listener.busy_with.reset();
}

void EventPools::listener_running(const std::string& name, runtime::InstanceId instance,
                                  bool running) {
  auto found = listeners_.find(name);
  if (found == listeners_.end()) {
    return;
  }
  Listener& listener = found->second;
  if (listener.instance != instance) {
    // A new process: its protocol starts over; the old one's event is retried.
    requeue(listener);
    listener.protocol = core::ListenerProtocol();
    listener.instance = instance;
  }
  listener.running = running;
  if (!running) {
    requeue(listener);
  }
  dispatch(listener.pool);
}

std::string EventPools::listener_output(const std::string& name, std::string_view bytes) {
  auto found = listeners_.find(name);
  if (found == listeners_.end()) {
    return std::string(bytes);
  }
  Listener& listener = found->second;
  if (listener.protocol.state() == core::ListenerState::Unknown) {
    return std::string(bytes);
  }
  for (const auto& output : listener.protocol.feed(bytes)) {
    using Kind = core::ListenerProtocol::Output::Kind;
    if (output.kind == Kind::Result) {
      if (output.detail != "OK") {
        requeue(listener);  // supervisord's default handler rejects all but OK.
      }
      listener.busy_with.reset();
    } else if (output.kind == Kind::ProtocolError) {
      log::warn(name, "event listener protocol error, no more events for it: " + output.detail);
      requeue(listener);
    }
  }
  dispatch(listener.pool);
  return {};
}

// Hands the oldest queued event to the first READY, RUNNING listener of the
// pool, until either runs out.
void EventPools::dispatch(const std::string& pool_name) {
  auto pool = pools_.find(pool_name);
  if (pool == pools_.end()) {
    return;
  }
  while (!pool->second.buffer.empty()) {
    auto ready = std::find_if(listeners_.begin(), listeners_.end(), [&](const auto& entry) {
      const Listener& l = entry.second;
      return l.pool == pool_name && l.running && l.protocol.state() == core::ListenerState::Ready;
    });
    if (ready == listeners_.end()) {
      return;
    }
    Listener& listener = ready->second;
    Event event = std::move(pool->second.buffer.front());
    pool->second.buffer.pop_front();
    std::string envelope = core::render_envelope(
        {server_, event.serial, pool_name, event.pool_serial, event.name, event.payload});
    listener.protocol.sent_event();
    listener.busy_with = std::move(event);
    if (!send_(listener.instance, std::move(envelope))) {
      listener.running = false;
      requeue(listener);
    }
  }
}

}  // namespace drover::supervisor
