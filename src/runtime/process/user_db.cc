// /etc/passwd and /etc/group readers. The formats are colon-separated lines
// (passwd(5), group(5)); lines that do not parse are skipped, like glibc does.
#include "runtime/process/user_db.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace drover::runtime {
namespace {

std::vector<std::string> split(const std::string& line, char separator) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream stream(line);
  while (std::getline(stream, field, separator)) {
    fields.push_back(field);
  }
  if (!line.empty() && line.back() == separator) {
    fields.emplace_back();
  }
  return fields;
}

bool parse_id(const std::string& text, unsigned& out) {
  if (text.empty()) {
    return false;
  }
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Calls `visit` with the fields of each line of `path` until it returns true.
template <typename Visit>
bool scan(const std::string& path, Visit visit) {
  std::ifstream file(path);
  std::string line;
  while (std::getline(file, line)) {
    if (line.empty() || line[0] == '#') {
      continue;
    }
    if (visit(split(line, ':'))) {
      return true;
    }
  }
  return false;
}

}  // namespace

Result<UserEntry> lookup_user(const std::string& name_or_uid, const std::string& root) {
  unsigned numeric = 0;
  bool is_numeric = parse_id(name_or_uid, numeric);
  UserEntry found;
  bool ok = scan(root + "/etc/passwd", [&](const std::vector<std::string>& f) {
    unsigned uid = 0;
    unsigned gid = 0;
    if (f.size() < 7 || !parse_id(f[2], uid) || !parse_id(f[3], gid)) {
      return false;
    }
    if (f[0] != name_or_uid && !(is_numeric && uid == numeric)) {
      return false;
    }
    found = UserEntry{f[0], uid, gid, f[5], f[6]};
    return true;
  });
  if (ok) {
    return found;
  }
  if (is_numeric) {
    return UserEntry{name_or_uid, numeric, numeric, "/", ""};
  }
  return make_error(Errc::NotFound,
                    "user \"" + name_or_uid + "\" not found in " + root + "/etc/passwd");
}

Result<gid_t> lookup_group(const std::string& name_or_gid, const std::string& root) {
  unsigned numeric = 0;
  bool is_numeric = parse_id(name_or_gid, numeric);
  gid_t found = 0;
  bool ok = scan(root + "/etc/group", [&](const std::vector<std::string>& f) {
    unsigned gid = 0;
    if (f.size() < 3 || !parse_id(f[2], gid)) {
      return false;
    }
    if (f[0] != name_or_gid && !(is_numeric && gid == numeric)) {
      return false;
    }
    found = gid;
    return true;
  });
  if (ok) {
    return found;
  }
  if (is_numeric) {
    return static_cast<gid_t>(numeric);
  }
  return make_error(Errc::NotFound,
                    "group \"" + name_or_gid + "\" not found in " + root + "/etc/group");
}

std::vector<gid_t> supplementary_groups(const std::string& user, gid_t primary,
                                        const std::string& root) {
  std::vector<gid_t> groups{primary};
  scan(root + "/etc/group", [&](const std::vector<std::string>& f) {
    unsigned gid = 0;
    if (f.size() < 4 || !parse_id(f[2], gid) || gid == primary) {
      return false;
    }
    for (const std::string& member : split(f[3], ',')) {
      if (member == user) {
        groups.push_back(gid);
        break;
      }
    }
    return false;
  });
  return groups;
}

}  // namespace drover::runtime
