// `tail -F` on inotify. Every event that may concern the file (it grew, was
// renamed, truncated or deleted, or the name was created in the directory)
// leads to the same idempotent step, pump(): read the open file to its end,
// then look whether the name now refers to another file and switch to it.
// Deciding from the file system's state rather than from the event kinds
// keeps the logic small and makes a coalesced or overflowed event queue
// harmless. The open file is watched through /proc/self/fd/N, so the watch
// is on exactly the inode that was opened even if the name changed between
// open() and inotify_add_watch().
#include "log/file_follower.h"

#include <boost/asio/post.hpp>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::log {
namespace {

constexpr size_t kReadChunk = 64 * 1024;
constexpr uint32_t kDirMask = IN_CREATE | IN_MOVED_TO | IN_ONLYDIR;
// IN_ATTRIB: unlink() changes the link count; IN_DELETE_SELF never comes
// while drover holds the file open.
constexpr uint32_t kFileMask = IN_MODIFY | IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF;

Errc errc_for(int errnum) {
  switch (errnum) {
    case ENOENT:
    case ENOTDIR:
      return Errc::NotFound;
    case EACCES:
    case EPERM:
      return Errc::PermissionDenied;
    default:
      return Errc::Io;
  }
}

}  // namespace

FileFollower::FileFollower(boost::asio::io_context& io, std::string path, DataFn on_data,
                           ErrorFn on_error)
    : io_(io),
      path_(std::move(path)),
      on_data_(std::move(on_data)),
      on_error_(std::move(on_error)) {
  std::filesystem::path full(path_);
  dir_ = full.has_parent_path() ? full.parent_path().string() : ".";
  name_ = full.filename().string();
}

FileFollower::~FileFollower() { stop(); }

Result<void> FileFollower::start() {
  int fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) {
    int err = errno;
    return errno_error(errc_for(err), "inotify_init1 for " + path_, err);
  }
  boost::system::error_code ec;
  inotify_.emplace(io_);
  inotify_->assign(fd, ec);
  if (ec) {
    ::close(fd);
    inotify_.reset();
    return make_error(Errc::Io, "inotify for " + path_ + ": " + ec.message());
  }
  dir_wd_ = ::inotify_add_watch(fd, dir_.c_str(), kDirMask);
  if (dir_wd_ < 0) {
    int err = errno;
    Error error = errno_error(errc_for(err), "watch directory " + dir_, err);
    stop();
    return error;
  }
  buffer_.resize(kReadChunk);
  alive_ = std::make_shared<FileFollower*>(this);
  Result<void> opened = open_current(/*from_end=*/true);
  if (!opened && opened.error().sys_errno != ENOENT) {
    // Reported from the loop: a callback must not run inside start().
    boost::asio::post(io_, [alive = std::weak_ptr(alive_), error = opened.error()] {
      std::shared_ptr<FileFollower*> self = alive.lock();
      if (self && *self != nullptr) {
        (*self)->report(error);
      }
    });
  }
  arm();
  return {};
}

void FileFollower::stop() {
  if (alive_) {
    *alive_ = nullptr;
    alive_.reset();
  }
  close_current();
  if (inotify_) {
    boost::system::error_code ignored;
    inotify_->close(ignored);  // Also removes the directory watch.
    inotify_.reset();
  }
  dir_wd_ = -1;
}

void FileFollower::arm() {
  inotify_->async_wait(boost::asio::posix::stream_descriptor::wait_read,
                       [alive = std::weak_ptr(alive_)](const boost::system::error_code& ec) {
                         std::shared_ptr<FileFollower*> self = alive.lock();
                         if (!ec && self && *self != nullptr) {
                           (*self)->on_readable();
                         }
                       });
}

void FileFollower::on_readable() {
  // inotify_event is followed by its name; the buffer holds at least one
  // event with the longest name.
  alignas(struct inotify_event) char events[8192];
  bool wake = false;
  for (;;) {
    ssize_t n = ::read(inotify_->native_handle(), events, sizeof events);
    if (n <= 0) {
      break;  // EAGAIN: drained. Other errors cannot happen on inotify.
    }
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const struct inotify_event*>(events + at);
      wake = note(*event) || wake;
      at += static_cast<ssize_t>(sizeof(struct inotify_event) + event->len);
    }
  }
  std::shared_ptr<FileFollower*> alive = alive_;
  if (dir_gone_) {
    dir_gone_ = false;
    if (!report(make_error(Errc::NotFound, "directory " + dir_ + " was removed; " + path_ +
                                               " is no longer picked up when created"))) {
      return;
    }
  }
  if (wake && !pump_posted_) {
    pump();
  }
  if (*alive != nullptr) {
    arm();
  }
}

// Whether the event may concern the followed file.
bool FileFollower::note(const struct inotify_event& event) {
  if ((event.mask & IN_Q_OVERFLOW) != 0) {
    return true;  // Events were lost: look at the file system.
  }
  if (event.wd == file_wd_ && file_wd_ >= 0) {
    return true;
  }
  if (event.wd != dir_wd_ || dir_wd_ < 0) {
    return false;  // IN_IGNORED of an old file's watch.
  }
  if ((event.mask & IN_IGNORED) != 0) {
    dir_wd_ = -1;
    dir_gone_ = true;
    return true;
  }
  return event.len > 0 && std::string_view(event.name) == name_;
}

void FileFollower::pump() {
  pump_posted_ = false;
  size_t budget = kTurnBytes;
  // The open file to its end first, then its replacement from the start; a
  // third file in one turn (rotated twice already) waits for the next one.
  for (int files = 0; files < 2; ++files) {
    Drain drained = file_.valid() ? drain(budget) : Drain::AtEnd;
    if (drained == Drain::Stopped) {
      return;
    }
    if (drained == Drain::BudgetUsed) {
      post_pump();
      return;
    }
    if (!switch_if_replaced()) {
      return;
    }
  }
  post_pump();
}

void FileFollower::post_pump() {
  if (pump_posted_ || !alive_) {
    return;
  }
  pump_posted_ = true;
  boost::asio::post(io_, [alive = std::weak_ptr(alive_)] {
    std::shared_ptr<FileFollower*> self = alive.lock();
    if (self && *self != nullptr) {
      (*self)->pump();
    }
  });
}

FileFollower::Drain FileFollower::drain(size_t& budget) {
  struct stat st {};
  if (::fstat(file_.get(), &st) == 0 && static_cast<uint64_t>(st.st_size) < offset_) {
    offset_ = 0;  // Truncated (copytruncate, `: > file`): what is there now is new.
  }
  while (budget > 0) {
    size_t want = std::min(budget, buffer_.size());
    ssize_t n = ::pread(file_.get(), buffer_.data(), want, static_cast<off_t>(offset_));
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      int err = errno;
      Error error = errno_error(Errc::Io, "read " + path_, err);
      close_current();  // Picked up again when the name is re-created.
      return report(error) ? Drain::AtEnd : Drain::Stopped;
    }
    if (n == 0) {
      return Drain::AtEnd;
    }
    offset_ += static_cast<uint64_t>(n);
    budget -= static_cast<size_t>(n);
    if (!deliver(std::string_view(buffer_.data(), static_cast<size_t>(n)))) {
      return Drain::Stopped;
    }
  }
  return Drain::BudgetUsed;
}

// After the open file was read to its end: true when the name now refers to
// another file, which is then open and to be read from its start.
bool FileFollower::switch_if_replaced() {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) {
    // Nothing under the name. A renamed file stays open (its writer may
    // still append); a deleted one can no longer grow for anyone who would
    // find it, so it is let go.
    struct stat open_st {};
    if (file_.valid() && ::fstat(file_.get(), &open_st) == 0 && open_st.st_nlink == 0) {
      close_current();
    }
    return false;
  }
  if (file_.valid() && FileId{st.st_dev, st.st_ino} == id_) {
    return false;
  }
  close_current();
  Result<void> opened = open_current(/*from_end=*/false);
  if (!opened) {
    // ENOENT: renamed away again before open(); its successor's event follows.
    if (opened.error().sys_errno != ENOENT) {
      report(opened.error());  // pump() stops here whether or not we still exist.
    }
    return false;
  }
  return true;
}

Result<void> FileFollower::open_current(bool from_end) {
  int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    int err = errno;
    return errno_error(errc_for(err), "open " + path_, err);
  }
  UniqueFd file(fd);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    return errno_error(Errc::Io, "stat " + path_, err);
  }
  std::string by_fd = "/proc/self/fd/" + std::to_string(fd);
  int wd = ::inotify_add_watch(inotify_->native_handle(), by_fd.c_str(), kFileMask);
  if (wd < 0) {
    int err = errno;
    return errno_error(errc_for(err), "watch " + path_, err);
  }
  file_ = std::move(file);
  file_wd_ = wd;
  id_ = FileId{st.st_dev, st.st_ino};
  offset_ = from_end ? static_cast<uint64_t>(st.st_size) : 0;
  last_error_.clear();
  return {};
}

void FileFollower::close_current() {
  if (file_wd_ >= 0 && inotify_) {
    ::inotify_rm_watch(inotify_->native_handle(), file_wd_);
  }
  file_wd_ = -1;
  file_.reset();
  id_ = FileId{};
  offset_ = 0;
}

bool FileFollower::deliver(std::string_view bytes) {
  std::shared_ptr<FileFollower*> alive = alive_;  // Outlives `this` if on_data_ destroys it.
  on_data_(bytes);
  return *alive != nullptr;
}

// Each distinct failure once per streak; false when the follower was
// stopped or destroyed by on_error_.
bool FileFollower::report(const Error& error) {
  if (error.message == last_error_) {
    return true;
  }
  last_error_ = error.message;
  std::shared_ptr<FileFollower*> alive = alive_;
  on_error_(error);
  return *alive != nullptr;
}

}  // namespace drover::log
