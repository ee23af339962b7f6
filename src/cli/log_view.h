#pragma once

#include "cli/view_json.h"

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace drover::cli {

// What `drover logs` asks the daemon for (docs/cli/logs.md).
struct LogsRequest {
  std::vector<std::string> names;  // Empty: every service.
  std::optional<size_t> lines;     // nullopt: all the rings hold.
  std::string since;               // A duration ("10m"), "" for no bound.
  bool stderr_only = false;
  bool follow = false;
};

// The API target: /v1/services/NAME/logs?... for one name, /v1/logs?... for
// none or several (service=A&service=B), names percent-encoded.
std::string logs_target(const LogsRequest& request);

// Prints log records as `drover logs` shows them. With `width` 0 each line
// is printed bare (one service); otherwise as `name | line` with the name
// padded to `width`, like drover's unified stream. With `json` each record's
// JSON is printed as one line (NDJSON). A {"dropped":N} marker becomes a
// "drover: ..." line on `err` (or the marker itself with `json`). With
// `flush`, out is flushed after every record (following).
class LogPrinter {
 public:
  LogPrinter(std::ostream& out, std::ostream& err, size_t width, bool json, bool flush)
      : out_(out), err_(err), width_(width), json_(json), flush_(flush) {}

  void print(const LogRecord& record);

 private:
  std::ostream& out_;
  std::ostream& err_;
  size_t width_;
  bool json_;
  bool flush_;
};

}  // namespace drover::cli
