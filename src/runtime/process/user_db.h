#pragma once

#include "base/result.h"

#include <string>
#include <sys/types.h>
#include <vector>

namespace drover::runtime {

struct UserEntry {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
  std::string home;
  std::string shell;
};

// Looks users and groups up in /etc/passwd and /etc/group directly rather
// than through NSS: the release binary is static, and glibc cannot load NSS
// modules into a static program (its getpwnam would fail in a bare image).
// `root` lets tests point at a private copy. Numeric names are accepted as
// ids even when no entry exists, as chown(1) does.
Result<UserEntry> lookup_user(const std::string& name_or_uid, const std::string& root = "");
Result<gid_t> lookup_group(const std::string& name_or_gid, const std::string& root = "");
// The supplementary groups listing `user` as a member, plus `primary`.
std::vector<gid_t> supplementary_groups(const std::string& user, gid_t primary,
                                        const std::string& root = "");

}  // namespace drover::runtime
