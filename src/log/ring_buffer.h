#pragma once

#include "core/log_entry.h"
#include "log/line_block.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace drover::log {

// The recent lines of one service, kept in memory for `drover logs`
// (issue #4, point 5): a byte ring holding the lines with their newlines,
// indexed by runs of lines that arrived together (one LineBlock each), so
// that keeping a chunk of a fast writer's output is one copy and one index
// entry, not one allocation per line.
//
// Bounded in bytes: each line costs its text and newline, each run
// kRunOverhead more. Appending evicts the oldest lines (whole lines, from the
// front of the oldest run) until the total is within the capacity again, so a
// line larger than the whole capacity is not kept at all (nor is anything
// older), and capacity 0 keeps nothing. The storage is allocated at the first
// append and doubles as needed up to the capacity, so an idle ring costs next
// to nothing and a quiet one little.
class RingBuffer {
 public:
  // What one run of lines costs beyond its bytes: its index entry.
  static constexpr uint64_t kRunOverhead = 48;

  RingBuffer(std::string service, uint64_t capacity);

  // Keeps the lines of `block`. Consecutive blocks of the same stream and
  // millisecond are merged into one run.
  // REQUIRES: block.first_sequence is larger than that of every kept line.
  void append(const LineBlock& block);
  // Keeps one line (its `service` is ignored: the ring's name is used).
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
  // The number of lines kept.
  size_t size() const { return lines_; }

 private:
  // Lines that arrived together. `begin` counts bytes ever appended (the
  // position in the storage is begin modulo its size).
  struct Run {
    uint64_t begin;
    uint64_t length;
    uint64_t first_sequence;
    uint64_t lines;
    int64_t time_ms;
    core::LogStream stream;
    bool continued;
  };

  static constexpr uint64_t kInitialStorage = 64 * 1024;

  void evict_for(uint64_t incoming);
  bool make_room(uint64_t incoming);
  template <typename Excess>
  void evict_while(Excess excess);
  void drop_front_lines(Run& run, uint64_t bytes);
  void copy_in(std::string_view bytes);
  std::string copy_out(const Run& run) const;
  void add_run_lines(const Run& run, const core::LogQuery& query,
                     std::vector<core::LogEntry>& out) const;
  void reallocate(uint64_t size);

  std::string service_;
  uint64_t capacity_;
  uint64_t used_bytes_ = 0;
  size_t lines_ = 0;
  uint64_t end_ = 0;  // Bytes ever appended.
  std::unique_ptr<char[]> storage_;
  uint64_t storage_size_ = 0;  // Grows up to capacity_; positions are modulo this.
  std::deque<Run> runs_;
};

// Several services' query results as one list in arrival order (by
// sequence), then only the last `last_lines` of it when that is not 0: the
// "all services interleaved" view of `drover logs`.
std::vector<core::LogEntry> merge_by_sequence(std::vector<std::vector<core::LogEntry>> parts,
                                              size_t last_lines);

}  // namespace drover::log
