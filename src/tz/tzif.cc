// A TZif reader. The layout (RFC 8536 section 3): a 44-byte header with six
// big-endian counts, a data block with 32-bit times, then for version 2 and
// later a second header and data block with 64-bit times, then a footer.
#include "tz/tzif.h"

#include "tz/posix_tz.h"

#include <cstdint>
#include <vector>

namespace drover::tz {
namespace {

constexpr size_t kHeaderSize = 44;

struct Counts {
  uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

// Reads big-endian integers from a byte string without running off its end.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}

  bool has(size_t n) const { return n <= bytes_.size() - pos_; }
  size_t pos() const { return pos_; }
  void skip(size_t n) { pos_ += n; }
  uint64_t read(size_t n) {
    uint64_t value = 0;
    for (size_t i = 0; i < n; ++i) {
      value = value << 8 | static_cast<unsigned char>(bytes_[pos_ + i]);
    }
    pos_ += n;
    return value;
  }
  std::string_view view(size_t n) const { return bytes_.substr(pos_, n); }

 private:
  std::string_view bytes_;
  size_t pos_ = 0;
};

Error tzif_error(const std::string& name, const std::string& message) {
  return make_error(Errc::InvalidArgument, "time zone " + name + ": " + message);
}

int64_t sign_extend(uint64_t value, size_t bytes) {
  if (bytes == 4) {
    return static_cast<int32_t>(static_cast<uint32_t>(value));
  }
  return static_cast<int64_t>(value);
}

Result<Counts> read_header(Reader& in, const std::string& name, char& version) {
  if (!in.has(kHeaderSize) || in.view(4) != "TZif") {
    return tzif_error(name, "not a TZif file");
  }
  in.skip(4);
  version = static_cast<char>(in.read(1));
  in.skip(15);
  Counts c{};
  uint32_t* fields[] = {&c.isutcnt, &c.isstdcnt, &c.leapcnt, &c.timecnt, &c.typecnt, &c.charcnt};
  for (uint32_t* field : fields) {
    *field = static_cast<uint32_t>(in.read(4));
  }
  if (c.typecnt == 0) {
    return tzif_error(name, "no local time types");
  }
  return c;
}

size_t data_size(const Counts& c, size_t time_size) {
  return size_t{c.timecnt} * time_size + c.timecnt + size_t{c.typecnt} * 6 + c.charcnt +
         size_t{c.leapcnt} * (time_size + 4) + c.isstdcnt + c.isutcnt;
}

Result<core::ZoneRules> read_data(Reader& in, const Counts& c, size_t time_size,
                                  const std::string& name) {
  if (!in.has(data_size(c, time_size))) {
    return tzif_error(name, "truncated TZif file");
  }
  std::vector<int64_t> times(c.timecnt);
  for (int64_t& t : times) {
    t = sign_extend(in.read(time_size), time_size);
  }
  std::vector<uint8_t> indices(c.timecnt);
  for (uint8_t& index : indices) {
    index = static_cast<uint8_t>(in.read(1));
  }
  std::vector<int32_t> offsets(c.typecnt);
  for (int32_t& offset : offsets) {
    offset = static_cast<int32_t>(static_cast<uint32_t>(in.read(4)));
    in.skip(2);  // isdst, abbreviation index: not needed for offsets.
  }
  // Abbreviations, leap seconds and the std/wall and UT/local indicators
  // are not needed either; skip them to reach the next block or footer.
  in.skip(c.charcnt + size_t{c.leapcnt} * (time_size + 4) + c.isstdcnt + c.isutcnt);
  core::ZoneRules zone;
  zone.name = name;
  zone.initial_offset = std::chrono::seconds(offsets[0]);  // RFC 8536: type 0 before the first.
  std::chrono::seconds current = zone.initial_offset;
  for (size_t i = 0; i < times.size(); ++i) {
    if (indices[i] >= offsets.size() || (i > 0 && times[i] <= times[i - 1])) {
      return tzif_error(name, "corrupt transition table");
    }
    std::chrono::seconds offset(offsets[indices[i]]);
    if (offset != current) {
      zone.changes.push_back({core::Instant(std::chrono::seconds(times[i])), offset});
      current = offset;
    }
  }
  return zone;
}

// The footer "\n<POSIX TZ>\n" says how offsets change after the last
// listed transition; its changes are listed out to kLastRuleYear. A
// footer drover cannot read leaves the last offset in effect.
constexpr int kLastRuleYear = 2199;

void extend_with_footer(std::string_view footer, core::ZoneRules& zone) {
  if (footer.size() < 2 || footer.front() != '\n') {
    return;
  }
  size_t end = footer.find('\n', 1);
  if (end == std::string_view::npos) {
    return;
  }
  if (std::optional<PosixTz> rule = parse_posix_tz(footer.substr(1, end - 1))) {
    extend_with_rule(zone, *rule, kLastRuleYear);
  }
}

}  // namespace

Result<core::ZoneRules> parse_tzif(std::string_view bytes, const std::string& name) {
  Reader in(bytes);
  char version = 0;
  Result<Counts> v1 = read_header(in, name, version);
  if (!v1) {
    return v1.error();
  }
  if (version == 0) {
    return read_data(in, *v1, 4, name);
  }
  // Version 2+: skip the 32-bit block and read the 64-bit one after it.
  if (!in.has(data_size(*v1, 4))) {
    return tzif_error(name, "truncated TZif file");
  }
  in.skip(data_size(*v1, 4));
  Result<Counts> v2 = read_header(in, name, version);
  if (!v2) {
    return v2.error();
  }
  Result<core::ZoneRules> zone = read_data(in, *v2, 8, name);
  if (zone) {
    extend_with_footer(in.view(std::string_view::npos), *zone);
  }
  return zone;
}

}  // namespace drover::tz
