#include "tz/tz_database.h"

#include "tz/tzif.h"

#include <fstream>

namespace drover::tz {
namespace {

constexpr size_t kMaxTzifSize = 1 << 20;  // Real files are a few KiB.

bool valid_component(const std::string& part) {
  if (part.empty() || part == "." || part == "..") {
    return false;
  }
  for (char c : part) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '+';
    if (!ok) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool is_valid_zone_name(const std::string& name) {
  if (name.empty() || name.size() > 255) {
    return false;
  }
  size_t start = 0;
  while (true) {
    size_t slash = name.find('/', start);
    if (!valid_component(name.substr(start, slash - start))) {
      return false;
    }
    if (slash == std::string::npos) {
      return true;
    }
    start = slash + 1;
  }
}

TzDatabase::TzDatabase(std::string dir)
    : dir_(dir.empty() ? std::string("/usr/share/zoneinfo") : std::move(dir)) {}

Result<core::ZoneRules> TzDatabase::load(const std::string& name) const {
  if (name.empty() || name == "UTC") {
    core::ZoneRules utc;
    utc.name = "UTC";
    return utc;
  }
  if (!is_valid_zone_name(name)) {
    return make_error(Errc::InvalidArgument, "invalid time zone name \"" + name +
                                                 "\"; expected an IANA name such as "
                                                 "Europe/Berlin");
  }
  std::string path = dir_ + "/" + name;
  std::ifstream file(path, std::ios::binary);
  std::string bytes;
  bytes.resize(kMaxTzifSize + 1);
  file.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bytes.resize(static_cast<size_t>(file.gcount()));
  if (bytes.empty()) {  // Missing, unreadable, or a directory such as "Europe".
    return make_error(Errc::NotFound, "unknown time zone \"" + name + "\" (no file " + path +
                                          "; the tz database comes from the tzdata package)");
  }
  if (bytes.size() > kMaxTzifSize) {
    return make_error(Errc::InvalidArgument, "time zone " + name + ": " + path + " is too large");
  }
  return parse_tzif(bytes, name);
}

}  // namespace drover::tz
