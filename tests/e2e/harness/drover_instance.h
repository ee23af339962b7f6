#pragma once

#include <boost/json/value.hpp>

#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace drover::e2e {

// Paths of the binaries under test, from the build (see tests/e2e/CMakeLists.txt).
std::string drover_binary();
std::string testsvc_binary();

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a program to completion with a deadline; stdin is /dev/null.
CommandResult run_command(const std::vector<std::string>& argv,
                          std::chrono::milliseconds deadline = std::chrono::seconds(30),
                          const std::vector<std::string>& extra_env = {});

struct HttpReply {
  int status = 0;    // 0 when the connection failed.
  std::string head;  // Status line and headers.
  std::string body;
};

// One HTTP/1.1 request over a unix socket, written by hand so the harness
// does not depend on the code under test.
HttpReply http_unix(const std::string& socket, const std::string& method, const std::string& target,
                    const std::string& body = "", const std::string& extra_headers = "");
// The same over TCP to 127.0.0.1:`port`; `extra_headers` are "Name: value\r\n" lines.
HttpReply http_tcp(int port, const std::string& method, const std::string& target,
                   const std::string& extra_headers = "", const std::string& body = "");
// A TCP port on 127.0.0.1 that was free a moment ago.
int free_tcp_port();

// Whether `text` has the shape of `pattern`, where '#' stands for one digit,
// '*' for one or more digits, and every other character for itself. (GCC 12
// warns inside std::regex at -O1, which the -Werror CI build cannot have.)
bool matches_shape(std::string_view text, std::string_view pattern);

// Polls `condition` every 20 ms until it holds or `deadline` passes.
bool wait_until(const std::function<bool()>& condition,
                std::chrono::milliseconds deadline = std::chrono::seconds(10));

// A private drover: its own temp dir (short path, for the 108-byte unix
// socket limit), its config there, `drover up` as a child of the test with
// stdout and stderr captured to files. Teardown sends SIGTERM, waits, then
// SIGKILLs; a failed test gets drover's output printed.
class DroverInstance {
 public:
  DroverInstance();
  ~DroverInstance();
  DroverInstance(const DroverInstance&) = delete;
  DroverInstance& operator=(const DroverInstance&) = delete;

  const std::string& dir() const { return dir_; }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  const std::string& socket() const { return socket_; }
  std::string config_path() const { return path(config_name_); }
  // The file `drover up -c` reads, in dir(); "drover.yaml" unless changed.
  void use_config_file(const std::string& name) { config_name_ = name; }

  // Writes drover.yaml: a settings block pointing at the private socket, then
  // `services_yaml` (which must start with "services:"). `@TESTSVC@` and
  // `@DIR@` are replaced by the testsvc path and the instance dir.
  void write_config(const std::string& services_yaml, const std::string& extra_settings = "");

  // Starts `drover up` and waits until the API answers. Returns false if
  // drover exited or did not answer in time.
  bool start(const std::vector<std::string>& extra_env = {});
  // Starts without waiting for the API (for configs that fail fast).
  void launch(const std::vector<std::string>& extra_env = {});
  // Like start() and launch(), with another command line than `drover up -c
  // drover.yaml` (the `supervisord` alias, for one). drover still has to
  // serve the API on socket().
  bool start_command(const std::vector<std::string>& argv,
                     const std::vector<std::string>& extra_env = {});
  void launch_command(const std::vector<std::string>& argv,
                      const std::vector<std::string>& extra_env = {});

  // The drover CLI against this instance.
  CommandResult cli(std::vector<std::string> args);

  boost::json::value services_json();
  // The state of one service ("RUNNING"), or "" if unknown.
  std::string state_of(const std::string& name);
  boost::json::object service(const std::string& name);
  bool wait_state(const std::string& name, const std::string& state,
                  std::chrono::milliseconds deadline = std::chrono::seconds(10));

  void send_signal(int signo);
  // Waits for drover to exit; returns its exit code (128+signal if killed),
  // or -1 on timeout.
  int wait_exit(std::chrono::milliseconds deadline = std::chrono::seconds(20));
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  std::string stdout_text() const;
  std::string stderr_text() const;
  std::string read_file(const std::string& name) const;

 private:
  std::string dir_;
  std::string socket_;
  std::string config_name_ = "drover.yaml";
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

}  // namespace drover::e2e
