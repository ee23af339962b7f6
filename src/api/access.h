#pragma once

#include "api/http_message.h"
#include "base/result.h"
#include "core/model.h"

#include <string>
#include <string_view>
#include <vector>

namespace drover::api {

// Who may use one listener. With no user and no token every request is
// allowed; otherwise every path but `public_paths` needs the credentials.
struct AccessPolicy {
  std::string user;
  std::string password;  // Plain, or "{SHA}" + 40 hex digits (supervisord's form).
  std::string token;     // For "Authorization: Bearer <token>".
  std::vector<std::string> public_paths;

  bool requires_credentials() const { return !user.empty() || !token.empty(); }
};

enum class AccessDecision { Allow, Deny };

// Decides one request from its path (query string already removed) and its
// Authorization header value ("" when absent). Secrets are compared through
// their SHA-1 digests in constant time, so neither their content nor their
// length shows in the timing.
AccessDecision check_access(const AccessPolicy& policy, std::string_view path,
                            std::string_view authorization);

// The policy for `auth`: reads password_file and token_file (one line; the
// trailing newline is not part of the secret). Errors name the file and the
// settings field; the secret itself never appears in an error.
Result<AccessPolicy> load_access_policy(const core::HttpAuth& auth,
                                        std::vector<std::string> public_paths,
                                        std::string_view field);

// The value of the WWW-Authenticate header of a 401 for `policy`.
std::string authenticate_challenge(const AccessPolicy& policy);

// The 401 answer to a request `policy` denied.
Response unauthorized_response(const AccessPolicy& policy);

}  // namespace drover::api
