// The black-box harness: a private drover per test, driven only through its
// binary, its socket and its output (watchman's WatchmanInstance and redis'
// start_server are the model). Every wait is a bounded poll, never a sleep.
#include "harness/drover_instance.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace drover::e2e {
namespace {

using Clock = std::chrono::steady_clock;

std::string slurp(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::vector<char*> c_strings(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

std::vector<std::string> environment_with(const std::vector<std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    env.emplace_back(*e);
  }
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

// fork+exec with stdout/stderr to the given fds (or /dev/null with -1).
pid_t spawn(std::vector<std::string> argv, std::vector<std::string> env, int out, int err) {
  std::vector<char*> args = c_strings(argv);
  std::vector<char*> envp = c_strings(env);
  pid_t pid = ::fork();
  if (pid == 0) {
    int null_fd = ::open("/dev/null", O_RDWR);
    ::dup2(null_fd, 0);
    ::dup2(out >= 0 ? out : null_fd, 1);
    ::dup2(err >= 0 ? err : null_fd, 2);
    ::setpgid(0, 0);
    ::execve(args[0], args.data(), envp.data());
    ::_exit(127);
  }
  return pid;
}

int decode(int status) {
  if (WIFSIGNALED(status)) {
    return 128 + WTERMSIG(status);
  }
  return WEXITSTATUS(status);
}

// Waits for `pid` with a deadline; -1 on timeout.
int wait_with_deadline(pid_t pid, std::chrono::milliseconds deadline) {
  auto until = Clock::now() + deadline;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) {
      return decode(status);
    }
    if (Clock::now() > until) {
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace

std::string drover_binary() {
  const char* path = std::getenv("DROVER_BIN");
  return path != nullptr ? path : DROVER_E2E_BINARY;
}

std::string testsvc_binary() {
  const char* path = std::getenv("DROVER_TESTSVC");
  return path != nullptr ? path : DROVER_E2E_TESTSVC;
}

CommandResult run_command(const std::vector<std::string>& argv, std::chrono::milliseconds deadline,
                          const std::vector<std::string>& extra_env) {
  char out_name[] = "/tmp/dv-out-XXXXXX";
  char err_name[] = "/tmp/dv-err-XXXXXX";
  int out = ::mkstemp(out_name);
  int err = ::mkstemp(err_name);
  pid_t pid = spawn(argv, environment_with(extra_env), out, err);
  CommandResult result;
  result.exit_code = wait_with_deadline(pid, deadline);
  if (result.exit_code == -1) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
  }
  ::close(out);
  ::close(err);
  result.out = slurp(out_name);
  result.err = slurp(err_name);
  ::unlink(out_name);
  ::unlink(err_name);
  return result;
}

namespace {

// Sends one request on a connected socket and reads the whole reply; closes `fd`.
HttpReply http_exchange(int fd, const std::string& method, const std::string& target,
                        const std::string& body, const std::string& extra_headers) {
  HttpReply reply;
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" +
                        "Connection: close\r\nContent-Type: application/json\r\n" + extra_headers +
                        "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  if (::write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size())) {
    ::close(fd);
    return reply;
  }
  std::string response;
  char buffer[65536];
  pollfd waiter{fd, POLLIN, 0};
  while (::poll(&waiter, 1, 10000) > 0) {
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n <= 0) {
      break;
    }
    response.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  if (response.compare(0, 9, "HTTP/1.1 ") != 0) {
    return reply;
  }
  reply.status = std::atoi(response.c_str() + 9);
  size_t header_end = response.find("\r\n\r\n");
  std::string head = response.substr(0, header_end);
  reply.head = head;
  std::string payload = header_end == std::string::npos ? "" : response.substr(header_end + 4);
  if (head.find("chunked") != std::string::npos) {
    std::string decoded;
    size_t at = 0;
    for (;;) {
      size_t line_end = payload.find("\r\n", at);
      if (line_end == std::string::npos) break;
      size_t size = std::strtoul(payload.c_str() + at, nullptr, 16);
      if (size == 0) break;
      decoded += payload.substr(line_end + 2, size);
      at = line_end + 2 + size + 2;
    }
    payload = decoded;
  }
  reply.body = payload;
  return reply;
}

}  // namespace

HttpReply http_unix(const std::string& socket_path, const std::string& method,
                    const std::string& target, const std::string& body,
                    const std::string& extra_headers) {
  int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof address.sun_path - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) {
    ::close(fd);
    return {};
  }
  return http_exchange(fd, method, target, body, extra_headers);
}

HttpReply http_tcp(int port, const std::string& method, const std::string& target,
                   const std::string& extra_headers, const std::string& body) {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) < 0) {
    ::close(fd);
    return {};
  }
  return http_exchange(fd, method, target, body, extra_headers);
}

int free_tcp_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  int port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

bool matches_shape(std::string_view text, std::string_view pattern) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  size_t at = 0;
  for (char p : pattern) {
    if (p == '#' || p == '*') {
      if (at >= text.size() || !digit(text[at])) {
        return false;
      }
      ++at;
      while (p == '*' && at < text.size() && digit(text[at])) {
        ++at;
      }
    } else if (at >= text.size() || text[at++] != p) {
      return false;
    }
  }
  return at == text.size();
}

bool wait_until(const std::function<bool()>& condition, std::chrono::milliseconds deadline) {
  auto until = Clock::now() + deadline;
  while (Clock::now() < until) {
    if (condition()) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return condition();
}

DroverInstance::DroverInstance() {
  char name[] = "/tmp/dv-XXXXXX";
  dir_ = ::mkdtemp(name);
  ::chmod(dir_.c_str(), 0755);
  socket_ = dir_ + "/ctl.sock";
}

DroverInstance::~DroverInstance() {
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    if (wait_with_deadline(pid_, std::chrono::seconds(15)) == -1) {
      ::kill(-pid_, SIGKILL);
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }
  if (::testing::Test::HasFailure()) {
    std::cerr << "---- drover stdout (" << dir_ << ") ----\n"
              << stdout_text() << "---- drover stderr ----\n"
              << stderr_text() << "----\n";
  }
  if (std::getenv("DROVER_KEEP_TEST_DIRS") == nullptr) {
    std::string command = "rm -rf '" + dir_ + "'";
    int ignored = std::system(command.c_str());
    (void)ignored;
  }
}

void DroverInstance::write_config(const std::string& services_yaml,
                                  const std::string& extra_settings) {
  std::string text = "settings:\n  control: " + socket_ + "\n" + extra_settings + services_yaml;
  replace_all(text, "@TESTSVC@", testsvc_binary());
  replace_all(text, "@DIR@", dir_);
  std::ofstream(config_path()) << text;
}

void DroverInstance::launch(const std::vector<std::string>& extra_env) {
  launch_command({drover_binary(), "up", "-c", config_path()}, extra_env);
}

void DroverInstance::launch_command(const std::vector<std::string>& argv,
                                    const std::vector<std::string>& extra_env) {
  int out = ::open(path("drover.out").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  int err = ::open(path("drover.err").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  pid_ = spawn(argv, environment_with(extra_env), out, err);
  ::close(out);
  ::close(err);
}

bool DroverInstance::start(const std::vector<std::string>& extra_env) {
  return start_command({drover_binary(), "up", "-c", config_path()}, extra_env);
}

bool DroverInstance::start_command(const std::vector<std::string>& argv,
                                   const std::vector<std::string>& extra_env) {
  launch_command(argv, extra_env);
  return wait_until([&] {
           if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
             pid_ = -1;
             return true;
           }
           return http_unix(socket_, "GET", "/v1/health").status == 200;
         }) &&
         pid_ > 0;
}

CommandResult DroverInstance::cli(std::vector<std::string> args) {
  args.insert(args.begin(), {drover_binary(), "-s", socket_});
  return run_command(args);
}

boost::json::value DroverInstance::services_json() {
  HttpReply reply = http_unix(socket_, "GET", "/v1/services");
  boost::system::error_code ec;
  boost::json::value value = boost::json::parse(reply.body, ec);
  return ec ? boost::json::value() : value;
}

boost::json::object DroverInstance::service(const std::string& name) {
  boost::json::value all = services_json();
  if (!all.is_object() || !all.as_object().contains("services")) {
    return {};
  }
  for (const auto& entry : all.as_object().at("services").as_array()) {
    if (entry.as_object().at("name").as_string() == name) {
      return entry.as_object();
    }
  }
  return {};
}

std::string DroverInstance::state_of(const std::string& name) {
  boost::json::object entry = service(name);
  return entry.contains("state") ? std::string(entry.at("state").as_string()) : "";
}

bool DroverInstance::wait_state(const std::string& name, const std::string& state,
                                std::chrono::milliseconds deadline) {
  return wait_until([&] { return state_of(name) == state; }, deadline);
}

void DroverInstance::send_signal(int signo) {
  if (pid_ > 0) {
    ::kill(pid_, signo);
  }
}

int DroverInstance::wait_exit(std::chrono::milliseconds deadline) {
  if (pid_ <= 0) {
    return exit_code_;
  }
  int code = wait_with_deadline(pid_, deadline);
  if (code != -1) {
    pid_ = -1;
    exit_code_ = code;
  }
  return code;
}

std::string DroverInstance::stdout_text() const { return slurp(dir_ + "/drover.out"); }
std::string DroverInstance::stderr_text() const { return slurp(dir_ + "/drover.err"); }
std::string DroverInstance::read_file(const std::string& name) const { return slurp(path(name)); }

}  // namespace drover::e2e
