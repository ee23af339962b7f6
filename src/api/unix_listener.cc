// The control socket's file-system side, in plain POSIX: Asio's endpoint
// constructor throws on long paths and has no say over the file mode, and the
// stale-socket probe must be a synchronous connect() anyway.
#include "api/unix_listener.h"

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace drover::api {
namespace {

Result<sockaddr_un> socket_address(const std::string& path) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.empty()) {
    return make_error(Errc::InvalidArgument, "the control socket path is empty");
  }
  if (path.size() >= sizeof(address.sun_path)) {
    return make_error(Errc::InvalidArgument, "the control socket path is too long (" +
                                                 std::to_string(path.size()) + " bytes; at most " +
                                                 std::to_string(sizeof(address.sun_path) - 1) +
                                                 "): " + path);
  }
  std::memcpy(address.sun_path, path.data(), path.size());
  return address;
}

Error listen_error(const std::string& path, const std::string& step, int errnum) {
  return errno_error(Errc::Io, "cannot listen on " + path + ": " + step, errnum);
}

Result<void> check_parent_directory(const std::string& path) {
  size_t slash = path.rfind('/');
  std::string parent = slash == std::string::npos ? "." : path.substr(0, slash == 0 ? 1 : slash);
  struct stat info {};
  if (::stat(parent.c_str(), &info) != 0) {
    return listen_error(path, "directory " + parent, errno);
  }
  if (!S_ISDIR(info.st_mode)) {
    return make_error(Errc::Io, "cannot listen on " + path + ": " + parent + " is not a directory");
  }
  return {};
}

// True when a server accepts connections at `address`.
Result<bool> someone_listens(const std::string& path, const sockaddr_un& address) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return listen_error(path, "socket", errno);
  }
  int rc = ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  int connect_errno = errno;
  ::close(fd);
  if (rc == 0) {
    return true;
  }
  if (connect_errno == ECONNREFUSED) {
    return false;
  }
  return listen_error(path, "probing the existing socket", connect_errno);
}

// Removes a stale socket file; refuses to touch anything that is live or not a socket.
Result<void> remove_stale_socket(const std::string& path, const sockaddr_un& address) {
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) {
    return errno == ENOENT ? Result<void>() : listen_error(path, "lstat", errno);
  }
  if (!S_ISSOCK(info.st_mode)) {
    return make_error(Errc::Conflict,
                      "cannot listen on " + path + ": a file that is not a socket is in the way");
  }
  Result<bool> live = someone_listens(path, address);
  if (!live) {
    return live.error();
  }
  if (*live) {
    return make_error(Errc::Conflict, "another drover is already listening on " + path);
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    return listen_error(path, "removing the stale socket", errno);
  }
  return {};
}

Result<int> bind_and_listen(const std::string& path, const sockaddr_un& address) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    return listen_error(path, "socket", errno);
  }
  // The file is created by bind() with the umask applied; a restrictive umask
  // around it means the socket is never reachable by others, not even briefly.
  // drover is single-threaded, so the process-wide umask change is contained.
  mode_t old_mask = ::umask(0177);
  int rc = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  int bind_errno = errno;
  ::umask(old_mask);
  if (rc != 0) {
    ::close(fd);
    return listen_error(path, "bind", bind_errno);
  }
  if (::chmod(path.c_str(), 0600) != 0 || ::listen(fd, SOMAXCONN) != 0) {
    int errnum = errno;
    ::close(fd);
    ::unlink(path.c_str());
    return listen_error(path, "chmod/listen", errnum);
  }
  return fd;
}

}  // namespace

Result<int> listen_unix_socket(const std::string& path) {
  Result<sockaddr_un> address = socket_address(path);
  if (!address) {
    return address.error();
  }
  if (Result<void> parent = check_parent_directory(path); !parent) {
    return parent.error();
  }
  if (Result<void> removed = remove_stale_socket(path, *address); !removed) {
    return removed.error();
  }
  return bind_and_listen(path, *address);
}

}  // namespace drover::api
