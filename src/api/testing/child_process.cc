// Test-only process helper: the peer of a server under test runs in a forked
// child, because drover's io_context is single-threaded (Asio is built with
// BOOST_ASIO_DISABLE_THREADS) and a blocking client in the same thread would
// deadlock against it.
#include "api/testing/child_process.h"

#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/read.hpp>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

namespace drover::api::testing {
namespace {

[[noreturn]] void run_body_and_exit(const std::function<int()>& body, int out_fd, int err_fd) {
  ::dup2(out_fd, STDOUT_FILENO);
  ::dup2(err_fd, STDERR_FILENO);
  int rc = body();
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(rc);  // No atexit handlers or leak checks: they belong to the parent.
}

int wait_exit_code(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

ChildResult run_child(boost::asio::io_context& io, const std::function<int()>& body,
                      std::chrono::seconds deadline) {
  int out_pipe[2];
  int err_pipe[2];
  if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
    return {-1, "", std::string("pipe2: ") + std::strerror(errno)};
  }
  // Anything the parent has buffered would otherwise be written twice.
  std::cout.flush();
  std::fflush(nullptr);
  pid_t pid = ::fork();
  if (pid == 0) {
    run_body_and_exit(body, out_pipe[1], err_pipe[1]);
  }
  ::close(out_pipe[1]);
  ::close(err_pipe[1]);
  // An io_context that ran out of work (a server closed by an earlier step)
  // is stopped and would return at once.
  io.restart();
  boost::asio::posix::stream_descriptor out(io, out_pipe[0]);
  boost::asio::posix::stream_descriptor err(io, err_pipe[0]);
  ChildResult result;
  int open_pipes = 2;
  auto on_eof = [&](const boost::system::error_code&, size_t) { --open_pipes; };
  boost::asio::async_read(out, boost::asio::dynamic_buffer(result.out), on_eof);
  boost::asio::async_read(err, boost::asio::dynamic_buffer(result.err), on_eof);
  auto until = std::chrono::steady_clock::now() + deadline;
  while (open_pipes > 0 && io.run_one_until(until) > 0) {
  }
  if (open_pipes > 0) {
    ::kill(pid, SIGKILL);
    out.cancel();
    err.cancel();
    while (open_pipes > 0 && io.run_one() > 0) {
    }
  }
  result.exit_code = wait_exit_code(pid);
  return result;
}

ChildResult run_program(boost::asio::io_context& io, const std::vector<std::string>& argv) {
  return run_child(io, [&argv]() {
    std::vector<char*> args;
    for (const std::string& arg : argv) {
      args.push_back(const_cast<char*>(arg.c_str()));
    }
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    std::perror("execvp");
    return 127;
  });
}

int raw_exchange(const std::string& path, const std::string& request, bool half_close,
                 std::string_view until) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    std::perror("connect");
    return 1;
  }
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      break;  // The server may close early (400, 413); read what it said.
    }
    sent += static_cast<size_t>(n);
  }
  if (half_close) {
    ::shutdown(fd, SHUT_WR);
  }
  char buffer[4096];
  std::string seen;
  for (ssize_t n; (n = ::read(fd, buffer, sizeof(buffer))) > 0;) {
    std::fwrite(buffer, 1, static_cast<size_t>(n), stdout);
    seen.append(buffer, static_cast<size_t>(n));
    if (!until.empty() && seen.find(until) != std::string::npos) {
      break;
    }
  }
  ::close(fd);
  return 0;
}

}  // namespace drover::api::testing
