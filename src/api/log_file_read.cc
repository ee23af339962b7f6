// File reads for the XML-RPC log methods and /logtail. pread() at explicit
// offsets: the files are appended to by drover's own writers meanwhile.
#include "api/log_file_read.h"

#include "base/unique_fd.h"

#include <algorithm>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace drover::api {
namespace {

std::optional<std::string> read_at(int fd, int64_t offset, int64_t length) {
  std::string data;
  constexpr int64_t kChunk = 64 * 1024;
  while (length > 0) {
    size_t want = static_cast<size_t>(std::min(length, kChunk));
    size_t old = data.size();
    data.resize(old + want);
    ssize_t got = pread(fd, data.data() + old, want, offset);
    if (got < 0) {
      return std::nullopt;
    }
    data.resize(old + static_cast<size_t>(got));
    if (got == 0) {
      break;
    }
    offset += got;
    length -= got;
  }
  return data;
}

int64_t size_of(int fd) {
  struct stat info {};
  return fstat(fd, &info) == 0 ? static_cast<int64_t>(info.st_size) : -1;
}

}  // namespace

ReadFileResult read_file_range(const std::string& path, int64_t offset, int64_t length) {
  if ((offset < 0 && length != 0) || length < 0) {
    return {std::nullopt, ReadFileError::BadArguments};
  }
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  int64_t size = fd.get() >= 0 ? size_of(fd.get()) : -1;
  if (size < 0) {
    return {std::nullopt, ReadFileError::Failed};
  }
  if (offset < 0) {
    int64_t start = std::max<int64_t>(size + offset, 0);
    return {read_at(fd.get(), start, size - start), ReadFileError::Failed};
  }
  int64_t want = length == 0 ? std::max<int64_t>(size - offset, 0) : length;
  return {read_at(fd.get(), offset, want), ReadFileError::Failed};
}

TailResult tail_file(const std::string& path, int64_t offset, int64_t length) {
  UniqueFd fd(open(path.c_str(), O_RDONLY | O_CLOEXEC));
  int64_t size = fd.get() >= 0 ? size_of(fd.get()) : -1;
  if (size < 0) {
    return {"", offset, false};
  }
  bool overflow = false;
  if (size > offset + length) {
    overflow = true;
    offset = size - 1;
  }
  if (offset + length > size) {
    if (offset > size - 1) {
      length = 0;
    }
    offset = size - length;
  }
  offset = std::max<int64_t>(offset, 0);
  length = std::max<int64_t>(length, 0);
  std::string data;
  if (length > 0) {
    data = read_at(fd.get(), offset, length).value_or("");
  }
  return {std::move(data), size, overflow};
}

FileTail::FileTail(std::string path, int64_t head) : path_(std::move(path)) {
  open_file();
  int64_t size = fd_ >= 0 ? size_of(fd_) : 0;
  size_ = size >= head ? size - head : 0;
}

FileTail::~FileTail() {
  if (fd_ >= 0) {
    close(fd_);
  }
}

void FileTail::open_file() {
  if (fd_ >= 0) {
    close(fd_);
  }
  fd_ = open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat info {};
  inode_ = fd_ >= 0 && fstat(fd_, &info) == 0 ? info.st_ino : 0;
  size_ = 0;
}

std::string FileTail::more() {
  struct stat info {};
  if (stat(path_.c_str(), &info) == 0 && info.st_ino != inode_) {
    open_file();  // Rotated: follow the new file from its start.
  }
  int64_t size = fd_ >= 0 ? size_of(fd_) : -1;
  if (size < 0) {
    return "";
  }
  if (size < size_) {
    size_ = 0;
    return "==> File truncated <==\n";
  }
  if (size == size_) {
    return "";
  }
  std::optional<std::string> data = read_at(fd_, size_, size - size_);
  size_ = size;
  return data.value_or("");
}

}  // namespace drover::api
