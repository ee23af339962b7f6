#pragma once

#include "core/model.h"
#include "core/service_status.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// The shell scripts drover runs on a remote host (issue #8, decision 0018),
// built as text: pure, so the quoting that keeps a service's values from
// becoming commands is unit-tested on its own. Every value reaches the
// remote shell single-quoted; nothing a config says is ever parsed as code.
namespace drover::runtime::remote {

// POSIX sh quoting: the word in single quotes, each ' written as '\''.
std::string sh_quote(std::string_view word);

// What to start: the command, where and with what environment.
struct Launch {
  std::string state_key;    // "<local host>.<project>/<service>", made path-safe.
  std::string working_dir;  // Empty: the ssh user's home.
  std::vector<std::pair<std::string, std::string>> env;
  std::vector<std::string> argv;
};

// The state directory of a service on the remote host: FIFOs for its output,
// its pid and start-time token, its exit code. Under $TMPDIR (or /tmp), per
// remote user, so a reboot clears it along with the processes it names.
std::string state_dir_expression(std::string_view state_key);

// Path-safe state key: every character outside [A-Za-z0-9_.-] becomes '_'.
std::string state_key(std::string_view local_host, std::string_view project,
                      std::string_view service);

// The follower: ends a leftover instance of the same service, starts the
// command in a session of its own (setsid) with stdout/stderr through FIFOs
// held open by the follower, prints one header line ("drover-remote PID
// TOKEN"), then relays the FIFOs to its own stdout/stderr (the ssh channel)
// until the command has ended, and exits with the command's status (128+N
// when a signal N killed it). The command does not depend on the ssh
// connection: it keeps running, writing into the FIFOs' buffers, if the
// connection drops.
std::string follower_script(const Launch& launch);

// After a lost connection: what became of the instance a header named. The
// first stdout line says: "drover-remote PID TOKEN" (still running; its
// output follows, relayed again, and the script exits with its status as
// the follower would), "drover-exited CODE" (it ended meanwhile),
// "drover-gone" (it ended and nobody recorded how), or, with `restart`,
// "drover-killed" (it was running and has been killed).
std::string adopt_script(std::string_view state_key, long pid, std::string_view token,
                         bool restart);

// Sends `signal_name` ("TERM") to the process (or its whole process group)
// named by a header, only if the pid still has the same start time.
std::string signal_script(long pid, std::string_view token, std::string_view signal_name,
                          bool group);

// Runs argv where the service runs, killed on the remote side after
// `timeout_seconds` too (a local kill of ssh would not reach it).
std::string probe_script(const std::string& working_dir,
                         const std::vector<std::pair<std::string, std::string>>& env,
                         const std::vector<std::string>& argv, long timeout_seconds);

// An http or tcp health check run on the remote host (`from: remote`), as a
// script for probe_script(): curl (else wget, which can only tell 2xx after
// redirects) for http, nc (else bash's /dev/tcp) for tcp. Prints what
// drover shows ("HTTP 200", "connected", "connection failed") and exits 0
// when the probe passes. An empty `statuses` accepts 200 to 399.
std::string network_probe_script(const core::HealthSpec& health);

// What ssh hands to the remote login shell: `exec /bin/sh -c '<script>'`,
// so the script runs under a POSIX sh whatever the user's shell is.
std::string remote_command(std::string_view script);

// The follower's first stdout line, without its newline.
struct Header {
  long pid = 0;
  std::string token;  // /proc/PID/stat's start time; empty where there is no /proc.
};
std::optional<Header> parse_header(std::string_view line);

// adopt_script's first line.
struct Resumed {
  enum class Kind { Running, Exited, Gone, Killed } kind = Kind::Gone;
  Header header;  // Running.
  int code = 0;   // Exited: the shell status the lost follower recorded.
};
std::optional<Resumed> parse_resumed(std::string_view line);

// A shell's exit status as an ExitStatus: 129..192 is "killed by signal
// N-128" (what sh's `wait` reports), anything else an exit code.
core::ExitStatus exit_status_from_shell(int code);

}  // namespace drover::runtime::remote
