// settings.http. Secrets come only from files (password_file, token_file):
// a config file is read by many and often committed, a secret should not be.
// The files themselves are read when the listener starts (api/access.cc).
#include "config/settings_http.h"

#include "config/field_reader.h"

#include <string>
#include <vector>

namespace drover::config {
namespace {

// "host:port", "[v6]:port" or ":port"; the address itself is checked when
// the listener binds, where names like localhost are known.
bool looks_like_host_port(const std::string& text) {
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size() || text.size() - colon - 1 > 5) {
    return false;
  }
  std::string port = text.substr(colon + 1);
  return port.find_first_not_of("0123456789") == std::string::npos && std::stoul(port) <= 65535;
}

void read_auth(const Node& auth, core::HttpAuth& spec, Errors& errors) {
  static const std::vector<std::string> kKeys = {"user", "password_file", "token_file"};
  const std::string field = "settings.http.auth";
  if (!expect_kind(auth, Node::Kind::Map, field, "a map with user and password_file, or token_file",
                   errors)) {
    return;
  }
  check_keys(auth, field, kKeys, errors);
  if (const MapEntry* user = find_entry(auth, "user")) {
    if (auto value = read_nonempty_string(user->value, field + ".user", errors)) {
      spec.user = *value;
    }
  }
  if (const MapEntry* file = find_entry(auth, "password_file")) {
    if (auto value = read_nonempty_string(file->value, field + ".password_file", errors)) {
      spec.password_file = *value;
    }
  }
  if (const MapEntry* file = find_entry(auth, "token_file")) {
    if (auto value = read_nonempty_string(file->value, field + ".token_file", errors)) {
      spec.token_file = *value;
    }
  }
  const MapEntry* user = find_entry(auth, "user");
  const MapEntry* password = find_entry(auth, "password_file");
  if (user != nullptr && password == nullptr) {
    errors.push_back(config_error(user->value.at, field, "user needs a password_file"));
  } else if (password != nullptr && user == nullptr) {
    errors.push_back(config_error(password->value.at, field, "password_file needs a user"));
  } else if (user == nullptr && find_entry(auth, "token_file") == nullptr) {
    errors.push_back(
        config_error(auth.at, field, "expected user and password_file, or token_file"));
  }
}

}  // namespace

void read_http_settings(const Node& http, core::HttpListenerSpec& spec, Errors& errors) {
  static const std::vector<std::string> kKeys = {"listen", "auth", "public", "insecure"};
  const std::string field = "settings.http";
  if (!expect_kind(http, Node::Kind::Map, field, "a map with listen, auth, public, insecure",
                   errors)) {
    return;
  }
  check_keys(http, field, kKeys, errors);
  if (const MapEntry* listen = find_entry(http, "listen")) {
    if (auto value = read_nonempty_string(listen->value, field + ".listen", errors)) {
      if (looks_like_host_port(*value)) {
        spec.listen = *value;
      } else {
        errors.push_back(
            config_error(listen->value.at, field + ".listen",
                         "expected host:port (e.g. 127.0.0.1:9001), got \"" + *value + "\""));
      }
    }
  } else {
    errors.push_back(config_error(http.at, field + ".listen", "missing; e.g. 127.0.0.1:9001"));
  }
  if (const MapEntry* auth = find_entry(http, "auth")) {
    read_auth(auth->value, spec.auth, errors);
  }
  if (const MapEntry* paths = find_entry(http, "public")) {
    if (auto list = read_string_list(paths->value, field + ".public", errors)) {
      for (const std::string& path : *list) {
        if (path.empty() || path.front() != '/') {
          errors.push_back(config_error(paths->value.at, field + ".public",
                                        "paths start with '/', got \"" + path + "\""));
        }
      }
      spec.public_paths = *list;
    }
  }
  if (const MapEntry* insecure = find_entry(http, "insecure")) {
    if (auto value = read_bool(insecure->value, field + ".insecure", errors)) {
      spec.insecure = *value;
    }
  }
}

}  // namespace drover::config
