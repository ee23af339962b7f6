// The CLI side of the control API: connection, status codes to exit codes,
// and one place that prints failures, so every subcommand reports alike.
#include "cli/daemon.h"

#include "base/did_you_mean.h"
#include "cli/exit_codes.h"
#include "cli/view_json.h"

#include <algorithm>
#include <cctype>

namespace drover::cli {

void print_error(const Context& context, std::string_view message) {
  context.io.err << "drover: " << message << '\n';
}

void Daemon::fail(int exit_code, std::string_view message) {
  exit_code_ = exit_code;
  print_error(context_, message);
}

bool Daemon::connect() {
  if (!client_) {
    Result<Client> client = Client::connect(context_.socket_path);
    if (!client) {
      fail(kExitUnreachable, client.error().message);
      return false;
    }
    client_.emplace(std::move(*client));
  }
  return true;
}

// Whether `reply` is a 2xx; otherwise prints the daemon's error.
bool Daemon::check_status(const HttpReply& reply) {
  if (reply.status < 200 || reply.status > 299) {
    DaemonError error = parse_error(reply.status, reply.body);
    fail(error.code == "invalid_config" ? kExitUsage : kExitFailure, error.message);
    return false;
  }
  return true;
}

std::optional<std::string> Daemon::call(std::string_view method, std::string_view target,
                                        std::string_view body) {
  if (!connect()) {
    return std::nullopt;
  }
  Result<HttpReply> reply = client_->request(method, target, body);
  if (!reply) {
    fail(kExitUnreachable, reply.error().message);
    return std::nullopt;
  }
  if (!check_status(*reply)) {
    return std::nullopt;
  }
  return std::move(reply->body);
}

bool Daemon::stream(std::string_view target, const Client::LineHandler& on_line,
                    const volatile std::sig_atomic_t* interrupted) {
  if (!connect()) {
    return false;
  }
  Result<HttpReply> reply = client_->stream(target, on_line, interrupted);
  if (interrupted != nullptr && *interrupted != 0) {
    exit_code_ = kExitOk;
    return false;
  }
  if (!reply) {
    fail(kExitUnreachable, reply.error().message);
    return false;
  }
  return check_status(*reply);
}

std::optional<std::string> Daemon::get(std::string_view target) { return call("GET", target, {}); }

std::optional<std::vector<core::CommandOutcome>> Daemon::post(std::string_view target,
                                                              std::string_view body) {
  std::optional<std::string> reply = call("POST", target, body);
  if (!reply) {
    return std::nullopt;
  }
  Result<std::vector<core::CommandOutcome>> outcomes = parse_outcomes(*reply);
  if (!outcomes) {
    fail(kExitFailure, outcomes.error().message);
    return std::nullopt;
  }
  return std::move(*outcomes);
}

std::optional<std::vector<core::ServiceView>> Daemon::services() {
  std::optional<std::string> reply = get("/v1/services");
  if (!reply) {
    return std::nullopt;
  }
  Result<std::vector<core::ServiceView>> views = parse_services(*reply);
  if (!views) {
    fail(kExitFailure, views.error().message);
    return std::nullopt;
  }
  return std::move(*views);
}

std::string service_path(std::string_view name) { return "/v1/services/" + percent_encode(name); }

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string path;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '_' || c == '.' || c == '~') {
      path += c;
    } else {
      path += '%';
      path += kHex[byte >> 4];
      path += kHex[byte & 15];
    }
  }
  return path;
}

std::string unknown_services_message(const std::vector<std::string>& names,
                                     const std::vector<core::ServiceView>& views) {
  std::vector<std::string> known;
  for (const core::ServiceView& view : views) {
    known.push_back(view.name);
  }
  for (const std::string& name : names) {
    if (std::find(known.begin(), known.end(), name) != known.end()) {
      continue;
    }
    std::string list;
    for (const std::string& k : known) {
      list += (list.empty() ? "" : ", ") + k;
    }
    return "unknown service \"" + name + "\"" + did_you_mean(name, known) +
           (list.empty() ? "; no services are configured" : "; known services: " + list);
  }
  return {};
}

}  // namespace drover::cli
