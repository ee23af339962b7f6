#pragma once

#include <cstdint>
#include <optional>
#include <string>

// Byte-offset reads of a log file on disk with supervisord's semantics
// (supervisor/options.py readFile and tailFile), for the XML-RPC log methods.
namespace drover::api {

enum class ReadFileError { BadArguments, Failed };

// `length` bytes from `offset` (0 = to the end). A negative offset reads the
// last -offset bytes and needs length 0; a negative length is BadArguments;
// a file that cannot be read is Failed.
struct ReadFileResult {
  std::optional<std::string> data;
  ReadFileError error = ReadFileError::Failed;
};
ReadFileResult read_file_range(const std::string& path, int64_t offset, int64_t length);

// tailProcessLog: up to `length` bytes ending at the file's end when it has
// grown past offset + length (overflow), else from offset; the returned
// offset is the file's size. A missing file gives ("", offset, false).
struct TailResult {
  std::string data;
  int64_t offset = 0;
  bool overflow = false;
};
TailResult tail_file(const std::string& path, int64_t offset, int64_t length);

// The log's bytes appended since the last call, starting with its last
// `head` bytes, as supervisord's tail_f_producer serves /logtail: a
// rotated file is reopened, a truncated one says "==> File truncated <==".
class FileTail {
 public:
  FileTail(std::string path, int64_t head);
  ~FileTail();
  FileTail(const FileTail&) = delete;
  FileTail& operator=(const FileTail&) = delete;
  bool is_open() const { return fd_ >= 0; }
  std::string more();

 private:
  void open_file();
  std::string path_;
  int fd_ = -1;
  uint64_t inode_ = 0;
  int64_t size_ = 0;  // Bytes already sent up to.
};

}  // namespace drover::api
