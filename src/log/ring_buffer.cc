// The per-service in-memory ring. The storage is allocated at the first line
// but its pages are touched only as lines fill them, so the thousand rings
// of a large, quiet stack cost little. Queries walk from the newest run back,
// so "the last 100 lines" and follow's "everything after sequence N" stop
// early instead of scanning the whole ring; they copy a run out to cut it
// into lines, which is rare work compared with appending.
#include "log/ring_buffer.h"

#include "log/line_splitter.h"

#include <algorithm>
#include <cstring>
#include <new>
#include <utility>

namespace drover::log {

RingBuffer::RingBuffer(std::string service, uint64_t capacity)
    : service_(std::move(service)), capacity_(capacity) {}

void RingBuffer::append(const core::LogEntry& entry) {
  std::string text = entry.text + "\n";
  append(LineBlock{text, 1, entry.sequence, entry.time_ms, entry.stream, entry.continued});
}

void RingBuffer::append(const LineBlock& block) {
  if (capacity_ == 0 || block.lines == 0) {
    return;
  }
  std::string_view text = block.text;
  uint64_t lines = block.lines;
  uint64_t first = block.first_sequence;
  if (text.size() + kRunOverhead > capacity_) {
    // Only the newest whole lines of the block fit; everything older goes.
    runs_.clear();
    used_bytes_ = 0;
    lines_ = 0;
    size_t cut = text.find('\n', text.size() + kRunOverhead - capacity_ - 1);
    if (cut == std::string_view::npos || cut + 1 == text.size()) {
      return;
    }
    uint64_t dropped = count_newlines(text.substr(0, cut + 1));
    text.remove_prefix(cut + 1);
    lines -= dropped;
    first += dropped;
  }
  // A block that continues the newest run costs no index entry. Should the
  // eviction take that run too, the ring is empty and the entry fits anyway.
  bool merge = !runs_.empty() && runs_.back().stream == block.stream &&
               runs_.back().time_ms == block.time_ms && !runs_.back().continued &&
               !block.continued && runs_.back().first_sequence + runs_.back().lines == first;
  evict_for(text.size() + (merge ? 0 : kRunOverhead));
  if (!make_room(text.size())) {
    return;
  }
  uint64_t begin = end_;
  copy_in(text);
  lines_ += lines;
  if (merge && !runs_.empty()) {
    runs_.back().length += text.size();
    runs_.back().lines += lines;
    used_bytes_ += text.size();
    return;
  }
  runs_.push_back(
      Run{begin, text.size(), first, lines, block.time_ms, block.stream, block.continued});
  used_bytes_ += text.size() + kRunOverhead;
}

void RingBuffer::set_capacity(uint64_t capacity) {
  capacity_ = capacity;
  evict_for(0);
  if (storage_size_ > capacity_) {
    reallocate(capacity_);
  }
}

void RingBuffer::evict_for(uint64_t incoming) {
  evict_while(
      [&] { return used_bytes_ + incoming > capacity_ ? used_bytes_ + incoming - capacity_ : 0; });
}

// The storage grows by doubling up to the capacity, so a ring configured
// far larger than what a service prints never reserves it, and a failed
// allocation only makes the ring keep less. Returns false when `incoming`
// bytes cannot be stored at all.
bool RingBuffer::make_room(uint64_t incoming) {
  uint64_t stored = runs_.empty() ? 0 : end_ - runs_.front().begin;
  if (stored + incoming > storage_size_) {
    uint64_t wanted = std::max({storage_size_ * 2, stored + incoming, kInitialStorage});
    reallocate(std::min(wanted, capacity_));
  }
  evict_while([&] {
    uint64_t need = (runs_.empty() ? 0 : end_ - runs_.front().begin) + incoming;
    return need > storage_size_ ? need - storage_size_ : 0;
  });
  return incoming <= storage_size_;
}

template <typename Excess>
void RingBuffer::evict_while(Excess excess) {
  while (!runs_.empty()) {
    uint64_t over = excess();
    if (over == 0) {
      return;
    }
    Run& front = runs_.front();
    if (front.lines > 1 && over < front.length) {
      drop_front_lines(front, over);
      continue;
    }
    used_bytes_ -= front.length + kRunOverhead;
    lines_ -= front.lines;
    runs_.pop_front();
  }
}

// Drops the run's oldest lines, at least `bytes` of them; the whole run
// when its last line is among them.
void RingBuffer::drop_front_lines(Run& run, uint64_t bytes) {
  uint64_t position = run.begin % storage_size_;
  uint64_t first_part = std::min(run.length, storage_size_ - position);
  std::string_view head(storage_.get() + position, first_part);
  std::string_view tail(storage_.get(), run.length - first_part);
  uint64_t cut = 0;  // Bytes to drop: through the newline that ends the byte `bytes - 1`.
  uint64_t lines = 0;
  if (size_t at = head.find('\n', bytes - 1);
      bytes <= head.size() && at != std::string_view::npos) {
    cut = at + 1;
    lines = count_newlines(head.substr(0, cut));
  } else {
    uint64_t from = bytes > head.size() ? bytes - 1 - head.size() : 0;
    size_t end = tail.find('\n', from);
    cut = head.size() + end + 1;
    lines = count_newlines(head) + count_newlines(tail.substr(0, end + 1));
  }
  if (cut >= run.length) {
    used_bytes_ -= run.length + kRunOverhead;
    lines_ -= run.lines;
    runs_.pop_front();
    return;
  }
  run.begin += cut;
  run.length -= cut;
  run.first_sequence += lines;
  run.lines -= lines;
  used_bytes_ -= cut;
  lines_ -= lines;
}

void RingBuffer::copy_in(std::string_view bytes) {
  uint64_t position = end_ % storage_size_;
  uint64_t first_part = std::min<uint64_t>(bytes.size(), storage_size_ - position);
  std::memcpy(storage_.get() + position, bytes.data(), first_part);
  std::memcpy(storage_.get(), bytes.data() + first_part, bytes.size() - first_part);
  end_ += bytes.size();
}

std::string RingBuffer::copy_out(const Run& run) const {
  uint64_t position = run.begin % storage_size_;
  uint64_t first_part = std::min(run.length, storage_size_ - position);
  std::string out(storage_.get() + position, first_part);
  out.append(storage_.get(), run.length - first_part);
  return out;
}

// New storage of `size` bytes holding the kept runs from its start (which
// must fit). Without memory for it the old storage stays.
void RingBuffer::reallocate(uint64_t size) {
  size = std::max<uint64_t>(size, 1);
  std::unique_ptr<char[]> storage(new (std::nothrow) char[size]);
  if (!storage) {
    return;
  }
  uint64_t at = 0;
  for (Run& run : runs_) {
    std::string bytes = copy_out(run);
    std::memcpy(storage.get() + at, bytes.data(), bytes.size());
    run.begin = at;
    at += bytes.size();
  }
  storage_ = std::move(storage);
  storage_size_ = size;
  end_ = at;
}

void RingBuffer::add_run_lines(const Run& run, const core::LogQuery& query,
                               std::vector<core::LogEntry>& out) const {
  std::string bytes = copy_out(run);
  std::vector<std::string_view> lines;
  lines.reserve(run.lines);
  for_each_line(LineBlock{bytes, run.lines, 0},
                [&](std::string_view line, uint64_t) { lines.push_back(line); });
  for (size_t i = lines.size(); i-- > 0;) {
    uint64_t sequence = run.first_sequence + i;
    if (sequence <= query.after_sequence ||
        (query.last_lines != 0 && out.size() == query.last_lines)) {
      return;
    }
    out.push_back(core::LogEntry{sequence, run.time_ms, service_, run.stream, run.continued,
                                 std::string(lines[i])});
  }
}

std::vector<core::LogEntry> RingBuffer::query(const core::LogQuery& query) const {
  std::vector<core::LogEntry> out;
  if (!query.services.empty() &&
      std::find(query.services.begin(), query.services.end(), service_) == query.services.end()) {
    return out;
  }
  for (auto it = runs_.rbegin(); it != runs_.rend(); ++it) {
    if (it->first_sequence + it->lines - 1 <= query.after_sequence ||
        (query.last_lines != 0 && out.size() == query.last_lines)) {
      break;  // Sequences only grow, so everything older is excluded too.
    }
    if ((!query.stderr_only || it->stream == core::LogStream::Stderr) &&
        (query.since_ms <= 0 || it->time_ms >= query.since_ms)) {
      add_run_lines(*it, query, out);
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
