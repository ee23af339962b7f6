#pragma once

#include "base/error.h"
#include "base/unique_fd.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace drover::log {

// The pure arithmetic of rotation, unit-tested without I/O.

// How the next piece of a write goes into a file that holds `file_size`
// bytes: rotate first or not, and how many leading bytes of `bytes` (whole
// lines) go into that file. A file is rotated only between lines and only
// when it is not empty, so a line longer than `max_size` still lands whole
// in a file of its own. `max_size == 0` never rotates.
struct WritePlan {
  bool rotate_first = false;
  size_t length = 0;

  bool operator==(const WritePlan&) const = default;
};
WritePlan plan_write(std::string_view bytes, uint64_t file_size, uint64_t max_size);

// The renames one rotation performs, in order: "<path>.(N-1)" -> "<path>.N",
// ..., "<path>" -> "<path>.1". The first rename replaces (drops) the oldest
// backup. Empty for `backups == 0` (the file is started anew instead).
struct Rename {
  std::string from;
  std::string to;

  bool operator==(const Rename&) const = default;
};
std::vector<Rename> rotation_renames(const std::string& path, int backups);

// One log file with size-based rotation: "<path>", then "<path>.1" (newest)
// to "<path>.N" (oldest). Not thread-safe; one owner.
//
// Writing never throws and never blocks on anything but the write itself.
// When the disk is full or the file cannot be (re)opened, the bytes are
// counted in dropped_bytes() and later writes retry, reopening the path when
// it no longer names the open file (deleted, its directory removed, replaced),
// so writing resumes by itself when the problem goes away.
class RotatingFile {
 public:
  // Nothing touches the disk until open() or the first write().
  RotatingFile(std::string path, uint64_t max_size, int backups);

  // Opens "<path>" for appending, creating it (0644) and its directory
  // (0755, with parents) if missing; an existing file is continued and its
  // size counts towards max_size. Returns the error on failure; write()
  // retries later. Optional: write() opens the file when needed.
  std::optional<Error> open();

  // Appends `bytes`, which must be whole lines, each ending in '\n'. Rotates
  // between lines so that no file grows past max_size (except by a single
  // line longer than max_size, which gets a file of its own).
  // Returns an error only for the first failure of a streak of failed
  // writes (the caller says it once: "unable to <message>; dropping lines
  // until it works again"); nullopt when the bytes were written, and also
  // for further failures of the same streak. A rotation that fails (a rename
  // refused) is reported the same way, once, and the current file goes on
  // growing; no bytes are dropped for it.
  std::optional<Error> write(std::string_view bytes);

  // Bytes given to write() that did not reach the file, since construction.
  uint64_t dropped_bytes() const { return dropped_bytes_; }
  // Bytes that reached the file (across rotations), since construction.
  uint64_t written_bytes() const { return written_bytes_; }
  // The size of "<path>" as drover last saw it.
  uint64_t size() const { return size_; }
  // Whether the last write failed (a streak of failures is going on).
  bool failing() const { return failing_; }
  const std::string& path() const { return path_; }

 private:
  std::optional<Error> reopen_if_needed();
  std::optional<Error> rotate();
  std::optional<Error> write_all(std::string_view bytes, size_t& written);
  std::optional<Error> write_piece(std::string_view bytes);
  std::optional<Error> fail(Error error, uint64_t dropped);

  std::string path_;
  uint64_t max_size_;
  int backups_;
  UniqueFd fd_;
  dev_t device_ = 0;  // Of the open file, to notice that the path names another.
  ino_t inode_ = 0;
  uint64_t size_ = 0;
  uint64_t dropped_bytes_ = 0;
  uint64_t written_bytes_ = 0;
  bool failing_ = false;
  bool rotation_failing_ = false;
  // The rest of a line whose beginning reached the file before a write
  // failed; written first next time, so the file gets the whole line.
  std::string pending_;
};

}  // namespace drover::log
