// drover logs: GET the services' ring lines and print them, or follow the
// chunked NDJSON stream until the daemon ends it (docs/cli/logs.md).
#include "base/duration.h"
#include "cli/daemon.h"
#include "cli/exit_codes.h"
#include "cli/log_view.h"
#include "cli/subcommands.h"

#include <algorithm>
#include <charconv>
#include <csignal>

namespace drover::cli {
namespace {

// Set by SIGINT while following. A signal handler can only reach a static;
// it is written by the handler and read by the client's poll loop.
volatile std::sig_atomic_t g_interrupted = 0;

extern "C" void note_interrupt(int) { g_interrupted = 1; }

// SIGINT sets g_interrupted for as long as this lives; without SA_RESTART,
// so the client's poll() returns EINTR and sees it. Ctrl-C then ends
// `drover logs -f` quietly with exit code 0.
class InterruptScope {
 public:
  InterruptScope() {
    g_interrupted = 0;
    struct sigaction action {};
    action.sa_handler = note_interrupt;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &previous_);
  }
  ~InterruptScope() { ::sigaction(SIGINT, &previous_, nullptr); }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  struct sigaction previous_ {};
};

Result<LogsRequest> logs_request(const Options& options) {
  LogsRequest request{options.names, std::nullopt, options.since, options.stderr_only,
                      options.follow};
  if (options.lines != "all") {
    size_t lines = 0;
    const std::string& text = options.lines;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), lines);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
      return make_error(Errc::InvalidArgument,
                        "-n wants a number of lines or \"all\", not \"" + text + "\"");
    }
    request.lines = lines;
  }
  if (!options.since.empty()) {
    if (Result<Duration> since = parse_duration(options.since); !since) {
      return make_error(Errc::InvalidArgument, "--since: " + since.error().message);
    }
  }
  return request;
}

// How wide the name column is: 0 (bare lines) for one service, else the
// longest name asked for, or of all services when none is named (one
// GET /v1/services: a line of a service yet to write must align too).
std::optional<size_t> name_width(const std::vector<std::string>& names, bool json, Daemon& daemon) {
  if (names.size() == 1 || json) {
    return 0;  // --json prints no names, so it needs no column either.
  }
  size_t width = 0;
  if (!names.empty()) {
    for (const std::string& name : names) {
      width = std::max(width, name.size());
    }
    return width;
  }
  std::optional<std::vector<core::ServiceView>> views = daemon.services();
  if (!views) {
    return std::nullopt;
  }
  for (const core::ServiceView& view : *views) {
    width = std::max(width, view.name.size());
  }
  return std::max<size_t>(width, 1);  // 0 would mean bare lines.
}

int print_history(const Context& context, Daemon& daemon, const std::string& target,
                  LogPrinter& printer) {
  std::optional<std::string> body = daemon.get(target);
  if (!body) {
    return daemon.exit_code();
  }
  Result<std::vector<LogRecord>> records = parse_log_lines(*body);
  if (!records) {
    print_error(context, records.error().message);
    return kExitFailure;
  }
  for (const LogRecord& record : *records) {
    printer.print(record);
  }
  return kExitOk;
}

int follow(const Context& context, Daemon& daemon, const std::string& target, LogPrinter& printer) {
  InterruptScope interrupt_scope;
  bool warned = false;
  auto on_line = [&](std::string_view text) {
    Result<LogRecord> record = parse_log_record(text);
    if (record) {
      printer.print(*record);
    } else if (!warned) {  // Say it once; a stream of them would bury the lines.
      print_error(context, record.error().message);
      warned = true;
    }
  };
  if (!daemon.stream(target, on_line, &g_interrupted)) {
    return daemon.exit_code();
  }
  return kExitOk;
}

}  // namespace

int run_logs(const Context& context) {
  Result<LogsRequest> request = logs_request(context.options);
  if (!request) {
    print_error(context, request.error().message);
    return kExitUsage;
  }
  Daemon daemon(context);
  std::optional<size_t> width = name_width(request->names, context.options.json, daemon);
  if (!width) {
    return daemon.exit_code();
  }
  LogPrinter printer(context.io.out, context.io.err, *width, context.options.json, request->follow);
  std::string target = logs_target(*request);
  return request->follow ? follow(context, daemon, target, printer)
                         : print_history(context, daemon, target, printer);
}

}  // namespace drover::cli
