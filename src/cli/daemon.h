#pragma once

#include "cli/client.h"
#include "cli/context.h"
#include "core/service_view.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace drover::cli {

// The control API as the subcommands use it. Each call connects on first use
// (to context.socket_path), and on failure prints one "drover: ..." line and
// returns nullopt; exit_code() then says whose failure it was: 3 unreachable,
// 2 the daemon found the config invalid, 1 any other daemon error.
class Daemon {
 public:
  explicit Daemon(const Context& context) : context_(context) {}

  // The body of a 2xx reply to GET `target`.
  std::optional<std::string> get(std::string_view target);
  // The outcomes of POST `target` with `body`.
  std::optional<std::vector<core::CommandOutcome>> post(std::string_view target,
                                                        std::string_view body = {});
  // GET `target` with a streamed body (Client::stream): true once the daemon
  // has ended it. When `*interrupted` is set (SIGINT), stops quietly with
  // exit_code() 0 and returns false.
  bool stream(std::string_view target, const Client::LineHandler& on_line,
              const volatile std::sig_atomic_t* interrupted);
  // GET /v1/services, decoded.
  std::optional<std::vector<core::ServiceView>> services();

  int exit_code() const { return exit_code_; }

 private:
  std::optional<std::string> call(std::string_view method, std::string_view target,
                                  std::string_view body);
  bool connect();
  bool check_status(const HttpReply& reply);
  void fail(int exit_code, std::string_view message);

  const Context& context_;
  std::optional<Client> client_;
  int exit_code_ = 0;
};

// `text` with every byte but letters, digits and -_.~ percent-encoded.
std::string percent_encode(std::string_view text);

// "/v1/services/" + the name, percent-encoded where a path needs it.
std::string service_path(std::string_view name);

// Error text for names the daemon does not know, or "" when all are known:
// `unknown service "wev"; did you mean "web"?; known services: web, db`.
std::string unknown_services_message(const std::vector<std::string>& names,
                                     const std::vector<core::ServiceView>& views);

}  // namespace drover::cli
