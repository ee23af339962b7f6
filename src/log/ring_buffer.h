#pragma once

#include "core/log_entry.h"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace drover::log {

// The recent lines of one service, kept in memory for `drover logs`
// (issue #4, point 5). Bounded in bytes: each line costs its text's size
// plus kEntryOverhead; appending evicts the oldest lines until the total is
// within the capacity again, so a line larger than the whole capacity is not
// kept at all, and capacity 0 keeps nothing. An empty ring allocates only
// what an empty std::deque does (well under 1 KiB), since the supervisor
// keeps one per service.
class RingBuffer {
 public:
  // Roughly what one kept line costs beyond its text: the entry itself
  // (56 bytes on x86-64) and the allocator's bookkeeping for the text.
  static constexpr uint64_t kEntryOverhead = 64;

  RingBuffer(std::string service, uint64_t capacity);

  // Keeps `entry` (its `service` is ignored: the ring's name is used).
  // REQUIRES: entry.sequence is larger than that of every kept entry.
  void append(const core::LogEntry& entry);

  // The kept lines that match `query`, oldest first: only stderr lines with
  // stderr_only, time_ms >= since_ms when since_ms > 0, sequence >
  // after_sequence, and of those the last `last_lines` when it is not 0.
  // Empty when query.services is not empty and does not name this service.
  std::vector<core::LogEntry> query(const core::LogQuery& query) const;

  // Shrinks or grows the bound (a config reload), evicting as needed.
  void set_capacity(uint64_t capacity);

  const std::string& service() const { return service_; }
  uint64_t capacity() const { return capacity_; }
  uint64_t used_bytes() const { return used_bytes_; }
  size_t size() const { return entries_.size(); }

 private:
  // A LogEntry without the service name, which every entry here shares.
  struct Entry {
    uint64_t sequence;
    int64_t time_ms;
    core::LogStream stream;
    bool continued;
    std::string text;
  };

  static uint64_t cost(const Entry& entry) { return entry.text.size() + kEntryOverhead; }
  void evict();
  bool matches(const Entry& entry, const core::LogQuery& query) const;
  core::LogEntry to_log_entry(const Entry& entry) const;

  std::string service_;
  uint64_t capacity_;
  uint64_t used_bytes_ = 0;
  std::deque<Entry> entries_;
};

// Several services' query results as one list in arrival order (by
// sequence), then only the last `last_lines` of it when that is not 0: the
// "all services interleaved" view of `drover logs`.
std::vector<core::LogEntry> merge_by_sequence(std::vector<std::vector<core::LogEntry>> parts,
                                              size_t last_lines);

}  // namespace drover::log
