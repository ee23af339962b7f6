// Authentication for the control API's listeners. Basic auth (supervisord's
// [unix_http_server]/[inet_http_server] username and password, which
// supervisorctl sends) and bearer tokens (for scripts and Prometheus).
#include "api/access.h"

#include "api/url.h"

#include <boost/beast/core/detail/base64.hpp>
#include <boost/uuid/detail/sha1.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>

namespace drover::api {
namespace {

using Digest = std::array<uint8_t, 20>;

Digest sha1(std::string_view text) {
  boost::uuids::detail::sha1 hash;
  hash.process_bytes(text.data(), text.size());
  boost::uuids::detail::sha1::digest_type words;
  hash.get_digest(words);
  Digest out{};
  for (size_t i = 0; i < 5; ++i) {
    for (size_t b = 0; b < 4; ++b) {
      out[i * 4 + b] = static_cast<uint8_t>(words[i] >> (24 - 8 * b));
    }
  }
  return out;
}

bool same_digest(const Digest& a, const Digest& b) {
  uint8_t difference = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    difference = static_cast<uint8_t>(difference | (a[i] ^ b[i]));
  }
  return difference == 0;
}

// The digest a "{SHA}hex" password stands for; nullopt when it is not one.
std::optional<Digest> stored_sha(std::string_view password) {
  constexpr std::string_view kPrefix = "{SHA}";
  if (!password.starts_with(kPrefix) || password.size() != kPrefix.size() + 40) {
    return std::nullopt;
  }
  Digest out{};
  for (size_t i = 0; i < out.size(); ++i) {
    int high = hex_value(password[kPrefix.size() + 2 * i]);
    int low = hex_value(password[kPrefix.size() + 2 * i + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return out;
}

bool password_matches(std::string_view expected, std::string_view given) {
  std::optional<Digest> stored = stored_sha(expected);
  return same_digest(stored ? *stored : sha1(expected), sha1(given));
}

bool starts_with_scheme(std::string_view header, std::string_view scheme) {
  if (header.size() <= scheme.size() || header[scheme.size()] != ' ') {
    return false;
  }
  return std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) ==
           std::tolower(static_cast<unsigned char>(b));
  });
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

bool basic_matches(const AccessPolicy& policy, std::string_view encoded) {
  if (policy.user.empty()) {
    return false;
  }
  std::string decoded(boost::beast::detail::base64::decoded_size(encoded.size()), '\0');
  auto [written, read] =
      boost::beast::detail::base64::decode(decoded.data(), encoded.data(), encoded.size());
  // Beast stops at the padding; anything but '=' after that is malformed.
  if (encoded.substr(read).find_first_not_of('=') != std::string_view::npos) {
    return false;
  }
  decoded.resize(written);
  size_t colon = decoded.find(':');
  if (colon == std::string::npos) {
    return false;
  }
  // Evaluate both comparisons, so a wrong user name costs the same time.
  bool user_ok = same_digest(sha1(policy.user), sha1(std::string_view(decoded).substr(0, colon)));
  bool password_ok = password_matches(policy.password, std::string_view(decoded).substr(colon + 1));
  return user_ok && password_ok;
}

bool is_public(const AccessPolicy& policy, std::string_view path) {
  return std::find(policy.public_paths.begin(), policy.public_paths.end(), path) !=
         policy.public_paths.end();
}

Result<std::string> read_secret(const std::string& path, std::string_view field) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return make_error(Errc::InvalidConfig, std::string(field) + ": cannot read " + path +
                                               ": no such file or unreadable");
  }
  std::string line;
  std::getline(in, line);
  if (!line.empty() && line.back() == '\r') {
    line.pop_back();
  }
  if (line.empty()) {
    return make_error(Errc::InvalidConfig, std::string(field) + ": " + path + " is empty");
  }
  return line;
}

}  // namespace

AccessDecision check_access(const AccessPolicy& policy, std::string_view path,
                            std::string_view authorization) {
  if (!policy.requires_credentials() || is_public(policy, path)) {
    return AccessDecision::Allow;
  }
  authorization = trimmed(authorization);
  if (starts_with_scheme(authorization, "Basic")) {
    return basic_matches(policy, trimmed(authorization.substr(6))) ? AccessDecision::Allow
                                                                   : AccessDecision::Deny;
  }
  if (starts_with_scheme(authorization, "Bearer") && !policy.token.empty()) {
    return same_digest(sha1(policy.token), sha1(trimmed(authorization.substr(7))))
               ? AccessDecision::Allow
               : AccessDecision::Deny;
  }
  return AccessDecision::Deny;
}

Result<AccessPolicy> load_access_policy(const core::HttpAuth& auth,
                                        std::vector<std::string> public_paths,
                                        std::string_view field) {
  AccessPolicy policy;
  policy.user = auth.user;
  policy.password = auth.password;
  policy.public_paths = std::move(public_paths);
  if (!auth.password_file.empty()) {
    Result<std::string> secret =
        read_secret(auth.password_file, std::string(field) + ".password_file");
    if (!secret) {
      return secret.error();
    }
    policy.password = std::move(*secret);
  }
  if (!auth.token_file.empty()) {
    Result<std::string> secret = read_secret(auth.token_file, std::string(field) + ".token_file");
    if (!secret) {
      return secret.error();
    }
    policy.token = std::move(*secret);
  }
  if (!policy.user.empty() && policy.password.empty()) {
    return make_error(Errc::InvalidConfig,
                      std::string(field) + ": a user needs a password or password_file");
  }
  return policy;
}

std::string authenticate_challenge(const AccessPolicy& policy) {
  return policy.user.empty() ? "Bearer realm=\"drover\"" : "Basic realm=\"drover\"";
}

Response unauthorized_response(const AccessPolicy& policy) {
  Response response = error_response(401, "unauthorized", "credentials required");
  response.headers.emplace_back("WWW-Authenticate", authenticate_challenge(policy));
  return response;
}

}  // namespace drover::api
