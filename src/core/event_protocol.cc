#include "core/event_protocol.h"

#include <algorithm>
#include <array>

namespace drover::core {

namespace {

constexpr std::string_view kReady = "READY\n";
constexpr std::string_view kResult = "RESULT ";

// Every concrete event type supervisord 4 defines (events.py), so `events=`
// can be checked and supertypes expanded.
constexpr std::array<std::string_view, 27> kTypes = {
    "PROCESS_STATE_STOPPED",
    "PROCESS_STATE_STARTING",
    "PROCESS_STATE_RUNNING",
    "PROCESS_STATE_BACKOFF",
    "PROCESS_STATE_STOPPING",
    "PROCESS_STATE_EXITED",
    "PROCESS_STATE_FATAL",
    "PROCESS_STATE_UNKNOWN",
    "PROCESS_LOG_STDOUT",
    "PROCESS_LOG_STDERR",
    "PROCESS_COMMUNICATION_STDOUT",
    "PROCESS_COMMUNICATION_STDERR",
    "SUPERVISOR_STATE_CHANGE_RUNNING",
    "SUPERVISOR_STATE_CHANGE_STOPPING",
    "TICK_5",
    "TICK_60",
    "TICK_3600",
    "PROCESS_GROUP_ADDED",
    "PROCESS_GROUP_REMOVED",
    "REMOTE_COMMUNICATION",
    "EVENT_BUFFER_OVERFLOW",
    "PROCESS_STATE",
    "PROCESS_LOG",
    "PROCESS_COMMUNICATION",
    "SUPERVISOR_STATE_CHANGE",
    "TICK",
    "PROCESS_GROUP",
};

// Supertypes are the prefixes of their subtypes' names, plus EVENT for all.
bool is_supertype_of(std::string_view super, std::string_view event) {
  if (super == "EVENT") {
    return true;
  }
  return event.size() > super.size() + 1 && event.substr(0, super.size()) == super &&
         event[super.size()] == '_' && super != "PROCESS" &&
         std::find(kTypes.begin(), kTypes.end(), super) != kTypes.end();
}

}  // namespace

bool is_event_type(std::string_view name) {
  return name == "EVENT" || std::find(kTypes.begin(), kTypes.end(), name) != kTypes.end();
}

bool subscribes_to(const std::vector<std::string>& subscriptions, std::string_view event) {
  return std::any_of(subscriptions.begin(), subscriptions.end(),
                     [&](const std::string& s) { return s == event || is_supertype_of(s, event); });
}

std::string render_envelope(const Envelope& e) {
  std::string out = "ver:3.0 server:" + e.server + " serial:" + std::to_string(e.serial) +
                    " pool:" + e.pool + " poolserial:" + std::to_string(e.pool_serial) +
                    " eventname:" + e.event + " len:" + std::to_string(e.payload.size()) + "\n";
  out += e.payload;
  return out;
}

std::string render_fields(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [key, value] : fields) {
    if (!out.empty()) {
      out += ' ';
    }
    out += key + ":" + value;
  }
  return out;
}

std::string_view listener_state_name(ListenerState state) {
  switch (state) {
    case ListenerState::Acknowledged:
      return "ACKNOWLEDGED";
    case ListenerState::Ready:
      return "READY";
    case ListenerState::Busy:
      return "BUSY";
    case ListenerState::Unknown:
      break;
  }
  return "UNKNOWN";
}

std::vector<ListenerProtocol::Output> ListenerProtocol::feed(std::string_view bytes) {
  std::vector<Output> out;
  if (state_ == ListenerState::Unknown) {
    return out;  // supervisord ignores everything after a protocol error.
  }
  buffer_.append(bytes);
  step(out);
  return out;
}

// Mirrors supervisord's PEventListenerDispatcher: consume as much of the
// buffer as the current state allows, then wait for more bytes.
void ListenerProtocol::step(std::vector<Output>& out) {
  while (!buffer_.empty()) {
    if (state_ == ListenerState::Acknowledged) {
      if (buffer_.size() < kReady.size()) {
        return;
      }
      if (buffer_.compare(0, kReady.size(), kReady) != 0) {
        state_ = ListenerState::Unknown;
        out.push_back({Output::Kind::ProtocolError, "expected READY, got " + buffer_});
        buffer_.clear();
        return;
      }
      buffer_.erase(0, kReady.size());
      state_ = ListenerState::Ready;
      out.push_back({Output::Kind::BecameReady, {}});
    } else if (state_ == ListenerState::Ready) {
      state_ = ListenerState::Unknown;  // Spurious output while no event is out.
      out.push_back({Output::Kind::ProtocolError, "unexpected output while READY: " + buffer_});
      buffer_.clear();
      return;
    } else if (!result_length_) {
      size_t newline = buffer_.find('\n');
      if (newline == std::string::npos) {
        return;
      }
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      size_t length = 0;
      std::string_view digits =
          std::string_view(line).substr(std::min(line.size(), kResult.size()));
      bool valid =
          line.compare(0, kResult.size(), kResult) == 0 && !digits.empty() && digits.size() <= 9;
      for (char c : digits) {
        valid = valid && c >= '0' && c <= '9';
        length = length * 10 + static_cast<size_t>(c - '0');
      }
      if (!valid) {
        state_ = ListenerState::Unknown;
        out.push_back({Output::Kind::ProtocolError, "bad result line " + line});
        buffer_.clear();
        return;
      }
      result_length_ = length;
    } else {
      if (buffer_.size() < *result_length_) {
        return;
      }
      out.push_back({Output::Kind::Result, buffer_.substr(0, *result_length_)});
      buffer_.erase(0, *result_length_);
      result_length_.reset();
      state_ = ListenerState::Acknowledged;
    }
  }
  if (state_ == ListenerState::Busy && result_length_ && *result_length_ == 0) {
    out.push_back({Output::Kind::Result, {}});
    result_length_.reset();
    state_ = ListenerState::Acknowledged;
  }
}

}  // namespace drover::core
