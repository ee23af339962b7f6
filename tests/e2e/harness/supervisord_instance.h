#pragma once

#include "harness/drover_instance.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace drover::e2e {

// The real supervisord from Debian's `supervisor` package, as a peer to
// compare drover with: its own temp dir, `supervisord -n -c supervisord.conf`
// as a child of the test, stopped (TERM, then KILL) at teardown.
class SupervisordInstance {
 public:
  SupervisordInstance();
  ~SupervisordInstance();
  SupervisordInstance(const SupervisordInstance&) = delete;
  SupervisordInstance& operator=(const SupervisordInstance&) = delete;

  const std::string& dir() const { return dir_; }
  const std::string& socket() const { return socket_; }
  std::string config_path() const { return dir_ + "/supervisord.conf"; }

  // Writes supervisord.conf: the [unix_http_server], [supervisord] and
  // [rpcinterface] sections for this instance, then `programs` with @DIR@
  // replaced by the instance dir.
  void write_config(const std::string& programs);
  // Starts supervisord and waits until its XML-RPC answers.
  bool start();
  int wait_exit(std::chrono::milliseconds deadline);

 private:
  std::string dir_;
  std::string socket_;
  pid_t pid_ = -1;
};

// `supervisorctl -s unix://<socket> args...`, unbuffered, with a deadline.
CommandResult supervisorctl(const std::string& socket, const std::vector<std::string>& args,
                            std::chrono::milliseconds deadline = std::chrono::seconds(30));

// Runs `supervisorctl -s unix://<socket> -i` on a pseudo-terminal, types each
// of `lines` after the previous prompt, and returns everything it printed.
std::string supervisorctl_interactive(const std::string& socket,
                                      const std::vector<std::string>& lines);

}  // namespace drover::e2e
