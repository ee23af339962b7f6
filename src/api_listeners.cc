// Wiring between settings and the API server's listeners. Lives beside
// main.cc because it needs both api/ (listeners, credentials) and runtime/
// (user lookup for the socket's owner), which must not know each other.
#include "api_listeners.h"

#include "runtime/process/user_db.h"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace drover {
namespace {

// Applies [unix_http_server]'s chmod and chown to the socket file.
Result<void> apply_socket_access(const std::string& path, const core::ControlAccess& access) {
  if (access.mode && ::chmod(path.c_str(), *access.mode) != 0) {
    return errno_error(Errc::Io, "cannot chmod the control socket " + path, errno);
  }
  if (access.owner.empty()) {
    return {};
  }
  size_t colon = access.owner.find(':');
  Result<runtime::UserEntry> user = runtime::lookup_user(access.owner.substr(0, colon));
  if (!user) {
    return make_error(Errc::InvalidConfig, "control socket owner: " + user.error().message);
  }
  gid_t gid = user->gid;
  if (colon != std::string::npos) {
    Result<gid_t> group = runtime::lookup_group(access.owner.substr(colon + 1));
    if (!group) {
      return make_error(Errc::InvalidConfig, "control socket owner: " + group.error().message);
    }
    gid = *group;
  }
  if (::chown(path.c_str(), user->uid, gid) != 0) {
    return errno_error(Errc::Io, "cannot chown the control socket " + path, errno);
  }
  return {};
}

}  // namespace

Result<void> open_api_listeners(api::HttpServer& server, const core::Settings& settings) {
  Result<api::AccessPolicy> socket_access =
      api::load_access_policy(settings.control_access.auth, {}, "settings.control");
  if (!socket_access) {
    return socket_access.error();
  }
  if (Result<void> listening = server.listen_unix(settings.control, std::move(*socket_access));
      !listening) {
    return listening;
  }
  if (Result<void> applied = apply_socket_access(settings.control, settings.control_access);
      !applied) {
    server.close();
    return applied;
  }
  if (settings.http.listen.empty()) {
    return {};
  }
  Result<api::AccessPolicy> tcp_access =
      api::load_access_policy(settings.http.auth, settings.http.public_paths, "settings.http.auth");
  if (!tcp_access) {
    server.close();
    return tcp_access.error();
  }
  if (Result<void> listening =
          server.listen_tcp(settings.http.listen, std::move(*tcp_access), settings.http.insecure);
      !listening) {
    server.close();
    return listening;
  }
  return {};
}

}  // namespace drover
