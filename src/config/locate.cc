// Finding the config file and the default control socket: the small
// environment-dependent decisions, kept apart from parsing.
#include "config/config.h"
#include "config/control_socket.h"

#include <cerrno>
#include <sys/stat.h>
#include <unistd.h>

extern char** environ;

namespace drover::config {
namespace {

constexpr const char* kFallbackPaths[] = {"./drover.yaml", "/etc/drover/drover.yaml"};

bool exists(const std::string& path) {
  struct stat info {};
  return ::stat(path.c_str(), &info) == 0;
}

// REQUIRES: errno is still the one from the failed stat().
Error missing(const std::string& what, const std::string& path) {
  return errno_error(Errc::NotFound, what + " \"" + path + "\"", errno);
}

}  // namespace

Environment process_environment() {
  Environment env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    size_t equals = text.find('=');
    if (equals != std::string_view::npos) {
      env.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
    }
  }
  return env;
}

// An explicit choice (-c or $DROVER_CONFIG) must exist: silently falling back
// to another file would run a different stack than the one asked for.
Result<std::string> locate_config(const std::string& explicit_path, const Environment& env) {
  if (!explicit_path.empty()) {
    return exists(explicit_path) ? Result<std::string>(explicit_path)
                                 : missing("config file", explicit_path);
  }
  auto from_env = env.find("DROVER_CONFIG");
  if (from_env != env.end() && !from_env->second.empty()) {
    return exists(from_env->second) ? Result<std::string>(from_env->second)
                                    : missing("$DROVER_CONFIG names", from_env->second);
  }
  std::string tried;
  for (const char* path : kFallbackPaths) {
    if (exists(path)) {
      return std::string(path);
    }
    tried += tried.empty() ? path : std::string(" and ") + path;
  }
  return make_error(Errc::NotFound,
                    "no config file found; tried " + tried + " (use -c FILE or set DROVER_CONFIG)");
}

Result<std::string> locate_supervisord_config(const std::string& explicit_path,
                                              const std::string& argv0) {
  if (!explicit_path.empty()) {
    return exists(explicit_path) ? Result<std::string>(explicit_path)
                                 : missing("config file", explicit_path);
  }
  // supervisord's `here` is the directory above the one holding the binary.
  std::string bin_dir =
      argv0.find('/') == std::string::npos ? "." : argv0.substr(0, argv0.rfind('/'));
  std::string here = bin_dir + "/..";
  const std::string candidates[] = {here + "/etc/supervisord.conf",
                                    here + "/supervisord.conf",
                                    "supervisord.conf",
                                    "etc/supervisord.conf",
                                    "/etc/supervisord.conf",
                                    "/etc/supervisor/supervisord.conf"};
  std::string tried;
  for (const std::string& path : candidates) {
    if (exists(path)) {
      return path;
    }
    tried += (tried.empty() ? "" : ", ") + path;
  }
  return make_error(Errc::NotFound, "No config file found at default paths (" + tried +
                                        "); use the -c option to specify a config file at a "
                                        "different path");
}

std::string default_control_socket_for(unsigned uid, const Environment& env) {
  if (uid == 0) {
    return "/run/drover.sock";
  }
  auto runtime_dir = env.find("XDG_RUNTIME_DIR");
  if (runtime_dir != env.end() && !runtime_dir->second.empty()) {
    return runtime_dir->second + "/drover.sock";
  }
  return "/tmp/drover-" + std::to_string(uid) + ".sock";
}

std::string default_control_socket(const Environment& env) {
  return default_control_socket_for(::geteuid(), env);
}

}  // namespace drover::config
