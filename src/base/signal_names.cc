// Signal names, so that configs and the CLI speak "TERM" and "HUP" like kill(1).
#include "base/signal_names.h"

#include <cctype>
#include <charconv>
#include <csignal>

namespace drover {
namespace {

struct NamedSignal {
  std::string_view name;
  int signo;
};

constexpr NamedSignal kSignals[] = {
    {"HUP", SIGHUP},   {"INT", SIGINT},       {"QUIT", SIGQUIT}, {"ILL", SIGILL},
    {"TRAP", SIGTRAP}, {"ABRT", SIGABRT},     {"BUS", SIGBUS},   {"FPE", SIGFPE},
    {"KILL", SIGKILL}, {"USR1", SIGUSR1},     {"SEGV", SIGSEGV}, {"USR2", SIGUSR2},
    {"PIPE", SIGPIPE}, {"ALRM", SIGALRM},     {"TERM", SIGTERM}, {"STKFLT", SIGSTKFLT},
    {"CHLD", SIGCHLD}, {"CONT", SIGCONT},     {"STOP", SIGSTOP}, {"TSTP", SIGTSTP},
    {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU},     {"URG", SIGURG},   {"XCPU", SIGXCPU},
    {"XFSZ", SIGXFSZ}, {"VTALRM", SIGVTALRM}, {"PROF", SIGPROF}, {"WINCH", SIGWINCH},
    {"IO", SIGIO},     {"PWR", SIGPWR},       {"SYS", SIGSYS},
};

}  // namespace

Result<int> parse_signal(std::string_view text) {
  int number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec == std::errc() && end == text.data() + text.size() && !text.empty()) {
    if (number > 0 && number < NSIG) {
      return number;
    }
  } else {
    std::string upper;
    for (char c : text) {
      upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    std::string_view name = upper;
    if (name.substr(0, 3) == "SIG") {
      name.remove_prefix(3);
    }
    for (const NamedSignal& sig : kSignals) {
      if (sig.name == name) {
        return sig.signo;
      }
    }
  }
  return make_error(Errc::InvalidArgument, "unknown signal \"" + std::string(text) +
                                               "\"; expected a name such as TERM, INT, HUP, "
                                               "QUIT, KILL, USR1, USR2 or a number");
}

std::string signal_name(int signo) {
  for (const NamedSignal& sig : kSignals) {
    if (sig.signo == signo) {
      return std::string(sig.name);
    }
  }
  return std::to_string(signo);
}

}  // namespace drover
