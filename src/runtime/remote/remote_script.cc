#include "runtime/remote/remote_script.h"

#include "base/shell_words.h"

#include <algorithm>
#include <charconv>
#include <chrono>

namespace drover::runtime::remote {
namespace {

// The start time of a pid (field 22 of /proc/PID/stat; the fields are counted
// after the ")" that ends the command name, which may itself hold spaces).
constexpr std::string_view kTokenFunction =
    "tok() { sed 's/.*) //' \"/proc/$1/stat\" 2>/dev/null | cut -d' ' -f20; }\n";

// Relays FIFO readers 5 and 6 to stdout and stderr, records the relays' pids
// (an adopt script ends a lost session's relays), and drops 5 and 6 here.
// The relays close 3 and 4, the follower's writers, so they see the end.
constexpr std::string_view kRelay =
    "cat <&5 3>&- 4>&- 6<&- & r1=$!\ncat <&6 >&2 3>&- 4>&- 5<&- & r2=$!\n"
    "echo \"$r1 $r2\" > \"$d/relay\"\nexec 5<&- 6<&-\n";

std::string env_and_argv(const std::vector<std::pair<std::string, std::string>>& env,
                         const std::vector<std::string>& argv) {
  std::string out;
  for (const auto& [name, value] : env) {
    out += ' ' + sh_quote(name + "=" + value);
  }
  for (const std::string& word : argv) {
    out += ' ' + sh_quote(word);
  }
  return out;
}

std::string cd_prefix(const std::string& working_dir) {
  return working_dir.empty() ? std::string() : "cd " + sh_quote(working_dir) + " && ";
}

}  // namespace

std::string sh_quote(std::string_view word) { return single_quote_shell_word(word); }

std::string state_key(std::string_view local_host, std::string_view project,
                      std::string_view service) {
  auto safe = [](std::string_view text) {
    std::string out(text);
    for (char& c : out) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '_' || c == '.' || c == '-';
      c = ok ? c : '_';
    }
    return out.empty() || out[0] == '.' ? "_" + out : out;
  };
  return safe(local_host) + "." + safe(project) + "/" + safe(service);
}

std::string state_dir_expression(std::string_view state_key) {
  return "\"${TMPDIR:-/tmp}/drover-$(id -u)/\"" + sh_quote(state_key);
}

std::string follower_script(const Launch& launch) {
  std::string s(kTokenFunction);
  s += "d=" + state_dir_expression(launch.state_key) + "\n";
  s += "umask 077\nmkdir -p \"$d\" || exit 120\n";
  // A leftover of an earlier start that was never adopted: end it first, so
  // one service never runs twice on a host.
  s += "if read op ot 2>/dev/null < \"$d/pid\" && [ -n \"$op\" ] && "
       "[ \"$(tok \"$op\")\" = \"$ot\" ]; then kill -s KILL -- \"-$op\" 2>/dev/null; fi\n";
  s += "rm -f \"$d/pid\" \"$d/exit\" \"$d/out\" \"$d/err\"\n";
  s += "mkfifo \"$d/out\" \"$d/err\" || exit 120\n";
  if (!launch.working_dir.empty()) {
    s += "[ -d " + sh_quote(launch.working_dir) + " ] || { echo " +
         sh_quote("working_dir " + launch.working_dir + ": no such directory") +
         " >&2; exit 120; }\n";
  }
  // GNU env resets the SIGINT/SIGQUIT a non-interactive sh ignores in
  // background jobs; where env cannot, the command runs without it.
  s += "ds=; env --default-signal true 2>/dev/null && ds=--default-signal\n";
  s += "trap : HUP\n";
  // 3 and 4 keep a writer on each FIFO while the follower lives, so the
  // readers opened next (5, 6) neither block nor see an early end.
  s += "exec 3<>\"$d/out\" 4<>\"$d/err\" 5<\"$d/out\" 6<\"$d/err\"\n";
  s += "(" + cd_prefix(launch.working_dir) + "exec setsid env $ds" +
       env_and_argv(launch.env, launch.argv) +
       ") </dev/null >\"$d/out\" 2>\"$d/err\" 3>&- 4>&- 5<&- 6<&- &\n";
  s += "p=$!\nt=$(tok \"$p\")\necho \"$p $t\" > \"$d/pid\"\necho \"drover-remote $p $t\"\n";
  s += kRelay;
  s += "while :; do wait \"$p\"; c=$?; kill -0 \"$p\" 2>/dev/null || break; done\n";
  s += "echo \"$c\" > \"$d/exit\"\n";
  // What the command left in its session goes with it, as with a cgroup.
  s += "kill -s KILL -- \"-$p\" 2>/dev/null\n";
  s += "exec 3>&- 4>&-\nwait\nexit \"$c\"\n";
  return s;
}

std::string adopt_script(std::string_view state_key, long pid, std::string_view token,
                         bool restart) {
  std::string s(kTokenFunction);
  s += "d=" + state_dir_expression(state_key) + "\n";
  // Waits up to 2 s for the lost follower to record the exit status.
  s += "await_exit() { i=0; while [ ! -r \"$d/exit\" ] && [ $i -lt 20 ]; do sleep 0.1; "
       "i=$((i+1)); done; }\n";
  s += "read p t 2>/dev/null < \"$d/pid\" || { echo drover-gone; exit 0; }\n";
  s += "[ \"$p\" = " + std::to_string(pid) + " ] && [ \"$t\" = " + sh_quote(token) +
       " ] || { echo drover-gone; exit 0; }\n";
  s += "[ \"$(tok \"$p\")\" = \"$t\" ] || await_exit\n";
  s += "if read c 2>/dev/null < \"$d/exit\"; then echo \"drover-exited $c\"; exit 0; fi\n";
  s += "[ \"$(tok \"$p\")\" = \"$t\" ] || { echo drover-gone; exit 0; }\n";
  if (restart) {
    s += "kill -s KILL -- \"-$p\" 2>/dev/null\necho drover-killed\nexit 0\n";
    return s;
  }
  // The lost session's relays may linger, idle, on the FIFOs: end them. The
  // FIFOs are opened read-write first, so opening them never blocks, and
  // that writer is dropped again so the relays still see the end.
  s += "read r1 r2 2>/dev/null < \"$d/relay\" && kill $r1 $r2 2>/dev/null\n";
  s += "exec 7<>\"$d/out\" 8<>\"$d/err\" 5<\"$d/out\" 6<\"$d/err\" 7>&- 8>&-\n";
  s += "echo \"drover-remote $p $t\"\n";
  s += kRelay;
  s += "wait\nawait_exit\n";
  s += "read c 2>/dev/null < \"$d/exit\" && exit \"$c\"\nexit 255\n";
  return s;
}

std::string signal_script(long pid, std::string_view token, std::string_view signal_name,
                          bool group) {
  std::string target = (group ? "-" : "") + std::to_string(pid);
  std::string s(kTokenFunction);
  s += "[ \"$(tok " + std::to_string(pid) + ")\" = " + sh_quote(token) + " ] || exit 3\n";
  s += "kill -s " + sh_quote(signal_name) + " -- " + target + "\n";
  return s;
}

std::string probe_script(const std::string& working_dir,
                         const std::vector<std::pair<std::string, std::string>>& env,
                         const std::vector<std::string>& argv, long timeout_seconds) {
  std::string s = "l=\n";
  if (timeout_seconds > 0) {
    s += "command -v timeout >/dev/null 2>&1 && l=\"timeout -s KILL " +
         std::to_string(timeout_seconds) + "\"\n";
  }
  return s + cd_prefix(working_dir) + "exec $l env" + env_and_argv(env, argv) + "\n";
}

std::string network_probe_script(const core::HealthSpec& health) {
  long seconds = std::max<long>(
      1, static_cast<long>(std::chrono::ceil<std::chrono::seconds>(health.timeout).count()));
  std::string t = std::to_string(seconds);
  if (health.kind == core::ProbeKind::Tcp) {
    std::string address = health.tcp_address;
    size_t colon = address.rfind(':');
    std::string host = address.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    std::string s = "h=" + sh_quote(host) + "; p=" + sh_quote(address.substr(colon + 1)) + "\n";
    s += "if command -v nc >/dev/null 2>&1; then nc -z -w " + t + " \"$h\" \"$p\" 2>/dev/null\n";
    s += "elif command -v bash >/dev/null 2>&1; then "
         "bash -c 'exec 3<>\"/dev/tcp/$0/$1\"' \"$h\" \"$p\" 2>/dev/null\n";
    s += "else echo 'no nc or bash on the host for a tcp probe'; exit 2; fi\n";
    s += "if [ $? = 0 ]; then echo connected; exit 0; fi\necho 'connection failed'; exit 1\n";
    return s;
  }
  std::string s = "u=" + sh_quote(health.http_url) + "\n";
  s += "if command -v curl >/dev/null 2>&1; then\n";
  s += "  c=$(curl -s -o /dev/null -m " + t + " -w '%{http_code}' \"$u\")\n";
  s += "  [ \"$c\" = 000 ] || [ -z \"$c\" ] && { echo 'connection failed'; exit 1; }\n";
  s += "  echo \"HTTP $c\"\n";
  if (health.http_status.empty()) {
    s += "  [ \"$c\" -ge 200 ] && [ \"$c\" -le 399 ] && exit 0\n";
  } else {
    std::string accepted;
    for (int status : health.http_status) {
      accepted += " " + std::to_string(status);
    }
    s += "  case \"" + accepted + " \" in *\" $c \"*) exit 0;; esac\n";
  }
  s += "  exit 1\n";
  s += "elif command -v wget >/dev/null 2>&1; then\n";
  s += "  wget -q -T " + t + " -O /dev/null \"$u\" && { echo 'HTTP 2xx (wget)'; exit 0; }\n";
  s += "  echo 'HTTP request failed (wget)'; exit 1\n";
  s += "fi\necho 'no curl or wget on the host for an http probe'; exit 2\n";
  return s;
}

std::string remote_command(std::string_view script) {
  return "exec /bin/sh -c " + sh_quote(script);
}

std::optional<Header> parse_header(std::string_view line) {
  constexpr std::string_view kPrefix = "drover-remote ";
  if (line.substr(0, kPrefix.size()) != kPrefix) {
    return std::nullopt;
  }
  line.remove_prefix(kPrefix.size());
  Header header;
  auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), header.pid);
  if (ec != std::errc() || header.pid <= 1) {
    return std::nullopt;
  }
  line.remove_prefix(static_cast<size_t>(end - line.data()));
  if (line.empty() || line.front() != ' ') {
    return std::nullopt;
  }
  header.token = std::string(line.substr(1));
  for (char c : header.token) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
  }
  return header;
}

std::optional<Resumed> parse_resumed(std::string_view line) {
  if (std::optional<Header> header = parse_header(line)) {
    return Resumed{Resumed::Kind::Running, *header, 0};
  }
  if (line == "drover-gone") {
    return Resumed{Resumed::Kind::Gone, {}, 0};
  }
  if (line == "drover-killed") {
    return Resumed{Resumed::Kind::Killed, {}, 0};
  }
  constexpr std::string_view kExited = "drover-exited ";
  if (line.substr(0, kExited.size()) != kExited) {
    return std::nullopt;
  }
  line.remove_prefix(kExited.size());
  int code = 0;
  auto [end, ec] = std::from_chars(line.data(), line.data() + line.size(), code);
  if (ec != std::errc() || end != line.data() + line.size() || code < 0 || code > 255) {
    return std::nullopt;
  }
  return Resumed{Resumed::Kind::Exited, {}, code};
}

core::ExitStatus exit_status_from_shell(int code) {
  if (code > 128 && code <= 128 + 64) {
    return core::ExitStatus(0, code - 128);
  }
  return core::ExitStatus(code, 0);
}

}  // namespace drover::runtime::remote
