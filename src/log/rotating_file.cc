// Per-service log files with size rotation (issue #4, point 2). Rotation
// happens only between lines and before the write that would overflow, so
// reading "<path>.N" ... "<path>.1", "<path>" in that order gives every line
// once, in order. Failures degrade to counted drops: drover and the service
// keep running on a full disk, and writing resumes when space returns.
//
// Each write() stats the path once, so an external rename (logrotate), a
// deletion, a removed directory or a truncation (copytruncate) is noticed
// at the next write; callers pass batches of lines, not single lines, to
// keep that cost small.
#include "log/rotating_file.h"

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::log {
namespace {

// The length of the longest prefix of `bytes` that is whole lines and at
// most `room` bytes long; 0 when not even one line fits.
size_t whole_lines_within(std::string_view bytes, uint64_t room) {
  size_t limit = static_cast<size_t>(std::min<uint64_t>(room, bytes.size()));
  size_t newline = bytes.substr(0, limit).rfind('\n');
  return newline == std::string_view::npos ? 0 : newline + 1;
}

size_t first_line(std::string_view bytes) {
  size_t newline = bytes.find('\n');
  return newline == std::string_view::npos ? bytes.size() : newline + 1;
}

// mkdir -p for the directory part of `path`, each level 0755 (before umask).
void make_parent_directories(const std::string& path) {
  for (size_t slash = path.find('/', 1); slash != std::string::npos;
       slash = path.find('/', slash + 1)) {
    ::mkdir(path.substr(0, slash).c_str(), 0755);  // EEXIST and friends: open() will tell.
  }
}

}  // namespace

WritePlan plan_write(std::string_view bytes, uint64_t file_size, uint64_t max_size) {
  uint64_t room = file_size < max_size ? max_size - file_size : 0;
  if (max_size == 0 || bytes.size() <= room) {
    return {false, bytes.size()};
  }
  if (size_t fit = whole_lines_within(bytes, room); fit > 0) {
    return {false, fit};
  }
  if (file_size == 0) {
    return {false, first_line(bytes)};  // One line longer than max_size: whole, alone.
  }
  size_t fit = whole_lines_within(bytes, max_size);
  return {true, fit > 0 ? fit : first_line(bytes)};
}

std::vector<Rename> rotation_renames(const std::string& path, int backups) {
  std::vector<Rename> renames;
  for (int i = backups - 1; i >= 1; --i) {
    renames.push_back({path + "." + std::to_string(i), path + "." + std::to_string(i + 1)});
  }
  if (backups > 0) {
    renames.push_back({path, path + ".1"});
  }
  return renames;
}

RotatingFile::RotatingFile(std::string path, uint64_t max_size, int backups)
    : path_(std::move(path)), max_size_(max_size), backups_(std::max(backups, 0)) {}

std::optional<Error> RotatingFile::open() {
  fd_.reset();
  constexpr int kFlags = O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC;
  int fd = ::open(path_.c_str(), kFlags, 0644);
  if (fd < 0 && errno == ENOENT) {
    make_parent_directories(path_);
    fd = ::open(path_.c_str(), kFlags, 0644);
  }
  if (fd < 0) {
    return errno_error(Errc::Io, "open " + path_, errno);
  }
  fd_.reset(fd);
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    device_ = st.st_dev;
    inode_ = st.st_ino;
    size_ = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
  }
  return std::nullopt;
}

// Keeps the open file while the path still names it (taking its size as it
// is now, which notices an external truncation), else opens the path anew.
std::optional<Error> RotatingFile::reopen_if_needed() {
  if (fd_.valid()) {
    struct stat st {};
    if (::stat(path_.c_str(), &st) == 0 && st.st_dev == device_ && st.st_ino == inode_) {
      size_ = S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
      return std::nullopt;
    }
  }
  // The rest of a torn line would start the new file with a fragment: drop it.
  dropped_bytes_ += pending_.size();
  pending_.clear();
  return open();
}

// Renames stop at the first failure (other than a missing backup), so a
// refused rename never makes a later one overwrite a backup: no line is lost,
// the current file just keeps growing.
std::optional<Error> RotatingFile::rotate() {
  if (backups_ == 0) {
    if (::ftruncate(fd_.get(), 0) != 0) {
      return errno_error(Errc::Io, "truncate " + path_, errno);
    }
    size_ = 0;
    return std::nullopt;
  }
  // Dropping the oldest backup first means that no rename below replaces a
  // file: ext4 writes out a file renamed over another one at once
  // (auto_da_alloc), which cost drover about 0.1 CPU-s per GiB at 10 MB
  // files. If it cannot be removed, the rename onto it fails (and is
  // reported) or replaces it, as before.
  ::unlink((path_ + "." + std::to_string(backups_)).c_str());
  for (const Rename& rename : rotation_renames(path_, backups_)) {
    if (::rename(rename.from.c_str(), rename.to.c_str()) != 0 && errno != ENOENT) {
      return errno_error(Errc::Io, "rename " + rename.from + " to " + rename.to, errno);
    }
  }
  return open();
}

std::optional<Error> RotatingFile::write_all(std::string_view bytes, size_t& written) {
  written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd_.get(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n <= 0) {
      return errno_error(Errc::Io, "write " + path_, n < 0 ? errno : EIO);
    }
    written += static_cast<size_t>(n);
    size_ += static_cast<uint64_t>(n);
    written_bytes_ += static_cast<uint64_t>(n);
  }
  return std::nullopt;
}

// Writes one piece into the current file. After a short write the file ends
// with the beginning of a line; the rest of that line is kept in pending_ and
// written first next time, so the line is completed rather than torn (unless
// the file is replaced meanwhile). Later lines of the piece are dropped.
std::optional<Error> RotatingFile::write_piece(std::string_view piece) {
  size_t written = 0;
  std::optional<Error> error = write_all(piece, written);
  if (error && written > 0 && piece[written - 1] != '\n') {
    pending_ = piece.substr(written, first_line(piece.substr(written)));
    written += pending_.size();
  }
  dropped_bytes_ += piece.size() - written;
  return error;
}

std::optional<Error> RotatingFile::fail(Error error, uint64_t dropped) {
  dropped_bytes_ += dropped;
  if (failing_) {
    return std::nullopt;
  }
  failing_ = true;
  return error;
}

std::optional<Error> RotatingFile::write(std::string_view bytes) {
  if (std::optional<Error> error = reopen_if_needed()) {
    return fail(std::move(*error), bytes.size());
  }
  if (!pending_.empty()) {
    std::string pending = std::move(pending_);
    pending_.clear();
    if (std::optional<Error> error = write_piece(pending)) {
      return fail(std::move(*error), bytes.size());
    }
  }
  std::optional<Error> report;
  while (!bytes.empty()) {
    WritePlan plan = plan_write(bytes, size_, max_size_);
    if (plan.rotate_first) {
      std::optional<Error> error = rotate();
      if (!fd_.valid()) {
        return fail(std::move(*error), bytes.size());
      }
      if (error) {
        plan.length = bytes.size();  // Cannot rotate: everything into the current file.
        if (!rotation_failing_) {
          report = std::move(error);
        }
      }
      rotation_failing_ = error.has_value();
    }
    std::string_view piece = bytes.substr(0, plan.length);
    bytes.remove_prefix(plan.length);
    if (std::optional<Error> error = write_piece(piece)) {
      return fail(std::move(*error), bytes.size());
    }
  }
  failing_ = false;
  return report;
}

}  // namespace drover::log
