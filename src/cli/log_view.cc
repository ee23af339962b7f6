// How `drover logs` names what it wants and shows what it gets: the target
// URL and the text or NDJSON output. No I/O of its own, so it is tested with
// golden strings.
#include "cli/log_view.h"

#include "cli/daemon.h"

namespace drover::cli {

std::string logs_target(const LogsRequest& request) {
  std::string target;
  std::string query;
  if (request.names.size() == 1) {
    target = service_path(request.names[0]) + "/logs";
  } else {
    target = "/v1/logs";
    for (const std::string& name : request.names) {
      query += "&service=" + percent_encode(name);
    }
  }
  if (request.lines) {
    query += "&lines=" + std::to_string(*request.lines);
  }
  if (!request.since.empty()) {
    query += "&since=" + percent_encode(request.since);
  }
  if (request.stderr_only) {
    query += "&stream=stderr";
  }
  if (request.follow) {
    query += "&follow=1";
  }
  return query.empty() ? target : target + "?" + query.substr(1);
}

void LogPrinter::print(const LogRecord& record) {
  if (json_) {
    out_ << record.json << '\n';
  } else if (record.dropped) {
    out_.flush();  // So the notice sits where the lines went missing.
    err_ << "drover: " << *record.dropped
         << " lines were dropped because they were read too slowly\n";
  } else if (width_ == 0) {
    out_ << record.line << '\n';
  } else {
    std::string name = record.service;
    if (name.size() < width_) {
      name.append(width_ - name.size(), ' ');
    }
    out_ << name << " | " << record.line << '\n';
  }
  if (flush_) {
    out_.flush();
  }
}

}  // namespace drover::cli
