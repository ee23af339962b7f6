// The per-service in-memory ring. A deque of compact entries rather than a
// preallocated byte ring: most services print little, and a thousand empty
// rings must cost next to nothing. Queries walk from the newest entry back,
// so "the last 100 lines" and follow's "everything after sequence N" stop
// early instead of scanning the whole ring.
#include "log/ring_buffer.h"

#include <algorithm>

namespace drover::log {

RingBuffer::RingBuffer(std::string service, uint64_t capacity)
    : service_(std::move(service)), capacity_(capacity) {}

void RingBuffer::append(const core::LogEntry& entry) {
  if (capacity_ == 0) {
    return;
  }
  entries_.push_back(
      Entry{entry.sequence, entry.time_ms, entry.stream, entry.continued, entry.text});
  used_bytes_ += cost(entries_.back());
  evict();
}

void RingBuffer::set_capacity(uint64_t capacity) {
  capacity_ = capacity;
  evict();
}

void RingBuffer::evict() {
  while (used_bytes_ > capacity_ && !entries_.empty()) {
    used_bytes_ -= cost(entries_.front());
    entries_.pop_front();
  }
}

bool RingBuffer::matches(const Entry& entry, const core::LogQuery& query) const {
  return (!query.stderr_only || entry.stream == core::LogStream::Stderr) &&
         (query.since_ms <= 0 || entry.time_ms >= query.since_ms);
}

core::LogEntry RingBuffer::to_log_entry(const Entry& entry) const {
  return core::LogEntry{entry.sequence, entry.time_ms,   service_,
                        entry.stream,   entry.continued, entry.text};
}

std::vector<core::LogEntry> RingBuffer::query(const core::LogQuery& query) const {
  std::vector<core::LogEntry> out;
  if (!query.services.empty() &&
      std::find(query.services.begin(), query.services.end(), service_) == query.services.end()) {
    return out;
  }
  for (auto it = entries_.rbegin(); it != entries_.rend(); ++it) {
    if (it->sequence <= query.after_sequence ||
        (query.last_lines != 0 && out.size() == query.last_lines)) {
      break;  // Sequences only grow, so everything older is excluded too.
    }
    if (matches(*it, query)) {
      out.push_back(to_log_entry(*it));
    }
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::vector<core::LogEntry> merge_by_sequence(std::vector<std::vector<core::LogEntry>> parts,
                                              size_t last_lines) {
  std::vector<core::LogEntry> merged;
  size_t total = 0;
  for (const auto& part : parts) {
    total += part.size();
  }
  merged.reserve(total);
  for (auto& part : parts) {
    std::move(part.begin(), part.end(), std::back_inserter(merged));
  }
  std::stable_sort(
      merged.begin(), merged.end(),
      [](const core::LogEntry& a, const core::LogEntry& b) { return a.sequence < b.sequence; });
  if (last_lines != 0 && merged.size() > last_lines) {
    merged.erase(merged.begin(), merged.end() - static_cast<std::ptrdiff_t>(last_lines));
  }
  return merged;
}

}  // namespace drover::log
