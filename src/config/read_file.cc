// Reading config and env files with POSIX calls, so errors carry errno.
#include "config/read_file.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace drover::config {

Result<std::string> read_text_file(const std::string& path) {
  std::string step = "cannot read \"" + path + "\"";
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return errno_error(Errc::Io, step, errno);
  }
  std::string text;
  char buffer[65536];
  while (true) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) {
      continue;
    }
    if (n < 0) {
      int saved = errno;
      ::close(fd);
      return errno_error(Errc::Io, step, saved);
    }
    if (n == 0) {
      break;
    }
    text.append(buffer, static_cast<size_t>(n));
    if (text.size() > kMaxConfigFileSize) {
      ::close(fd);
      return make_error(
          Errc::Io, step + ": larger than " + std::to_string(kMaxConfigFileSize >> 20) + " MiB");
    }
  }
  ::close(fd);
  return text;
}

}  // namespace drover::config
