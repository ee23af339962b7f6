#pragma once

#include "base/error.h"
#include "base/result.h"
#include "base/unique_fd.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

struct inotify_event;  // <sys/inotify.h>, kept out of the header.

namespace drover::log {

// Tails one file that another process writes, like `tail -F` (issue #4,
// `log.follow`), and hands its new bytes to `on_data` as they arrive. Raw
// bytes: the caller cuts them into lines (LineSplitter).
//
// - A file that exists at start() is read from its end: only new bytes.
//   A file that does not exist yet is waited for and read from its start.
// - Rotation by rename: the old file is kept open and read to its end
//   (including what the writer appends after the rename) until a new file
//   appears under the name; then the old one is drained and closed and the
//   new one is read from its start. Deletion and re-creation is the same.
// - Truncation (the size drops below what was read): read again from 0.
// - A file deleted with no replacement is closed once drained.
//
// Driven by inotify only (one inotify fd per follower, waited on through the
// io_context): no timers, no polling. The parent directory must exist at
// start(); inotify cannot watch a directory that is not there.
//
// Each turn reads at most kTurnBytes and then yields to the loop (asio::post),
// so a huge backlog cannot starve other work. Callbacks run on the
// io_context's thread; either may destroy the follower. After stop() or
// destruction neither callback is called again.
class FileFollower {
 public:
  using DataFn = std::function<void(std::string_view bytes)>;
  // Environment failures after start() (open: permission denied, read
  // errors, the directory removed). Each distinct message is reported once
  // per streak; following goes on where it can.
  using ErrorFn = std::function<void(const Error& error)>;

  static constexpr size_t kTurnBytes = 256 * 1024;

  FileFollower(boost::asio::io_context& io, std::string path, DataFn on_data, ErrorFn on_error);
  ~FileFollower();
  FileFollower(const FileFollower&) = delete;
  FileFollower& operator=(const FileFollower&) = delete;

  // Sets up inotify and the directory watch and opens the file if it
  // exists. Errors: inotify_init1 (EMFILE, the per-user instance limit),
  // inotify_add_watch on the directory (ENOENT: it does not exist; ENOSPC:
  // the watch limit). An unreadable file is not a start() error: it is
  // reported through on_error and tried again when the name is re-created.
  // REQUIRES: start() not called before.
  Result<void> start();

  // Closes the file, the watches and the inotify fd. Idempotent.
  void stop();

  const std::string& path() const { return path_; }

 private:
  struct FileId {
    dev_t dev = 0;
    ino_t ino = 0;
    bool operator==(const FileId&) const = default;
  };

  enum class Drain { AtEnd, BudgetUsed, Stopped };

  void arm();
  void on_readable();
  bool note(const ::inotify_event& event);
  void pump();
  void post_pump();
  Drain drain(size_t& budget);
  bool switch_if_replaced();
  Result<void> open_current(bool from_end);
  void close_current();
  bool deliver(std::string_view bytes);
  bool report(const Error& error);

  boost::asio::io_context& io_;
  std::string path_;
  std::string dir_;
  std::string name_;
  DataFn on_data_;
  ErrorFn on_error_;

  std::optional<boost::asio::posix::stream_descriptor> inotify_;
  int dir_wd_ = -1;
  int file_wd_ = -1;

  UniqueFd file_;
  FileId id_;            // Of file_.
  uint64_t offset_ = 0;  // Bytes of file_ already delivered.
  bool pump_posted_ = false;
  bool dir_gone_ = false;   // The directory watch ended (directory removed).
  std::string last_error_;  // Reported already; cleared by a successful open.

  std::vector<char> buffer_;
  // Handlers hold a weak_ptr to this and callbacks a copy: expired or
  // nullptr means the follower was stopped or destroyed meanwhile.
  std::shared_ptr<FileFollower*> alive_;
};

}  // namespace drover::log
