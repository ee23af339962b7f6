// parse_tzif on TZif files built byte by byte (RFC 8536 layout), so every
// branch is reachable: version 1, version 2+, no-op changes, corrupt input.
#include "tz/tzif.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace drover::tz {
namespace {

using std::chrono::seconds;

struct Type {
  int32_t offset;
  uint8_t isdst;
};

void put(std::string& out, uint64_t value, size_t bytes) {
  for (size_t i = bytes; i > 0; --i) {
    out += static_cast<char>(value >> (8 * (i - 1)) & 0xff);
  }
}

// One header plus data block with `time_size`-byte times.
std::string block(char version, size_t time_size, const std::vector<int64_t>& times,
                  const std::vector<uint8_t>& indices, const std::vector<Type>& types) {
  std::string out = "TZif";
  out += version;
  out += std::string(15, '\0');
  const std::string chars = "LMT\0";
  for (uint64_t count : {uint64_t{0}, uint64_t{0}, uint64_t{0}, uint64_t{times.size()},
                         uint64_t{types.size()}, uint64_t{chars.size()}}) {
    put(out, count, 4);
  }
  for (int64_t t : times) {
    put(out, static_cast<uint64_t>(t), time_size);
  }
  for (uint8_t index : indices) {
    put(out, index, 1);
  }
  for (const Type& type : types) {
    put(out, static_cast<uint32_t>(type.offset), 4);
    put(out, type.isdst, 1);
    put(out, 0, 1);
  }
  return out + chars;
}

const std::vector<Type> kCentralEurope = {{3600, 0}, {7200, 1}, {3600, 0}};

TEST(TzifTest, ReadsTheSixtyFourBitBlockOfVersionTwo) {
  // The v1 block says something else, to prove it is skipped.
  std::string file =
      block('2', 4, {}, {}, {{0, 0}}) +
      block('2', 8, {-4000000000, 1774746000, 1792890000}, {0, 1, 2}, kCentralEurope);
  Result<core::ZoneRules> zone = parse_tzif(file, "Europe/Berlin");
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  EXPECT_EQ(zone->name, "Europe/Berlin");
  EXPECT_EQ(zone->initial_offset, seconds(3600));
  // The first transition keeps +1h (type 0 -> type 0), so it is not a change.
  ASSERT_EQ(zone->changes.size(), 2u);
  EXPECT_EQ(zone->changes[0].at.time_since_epoch(), seconds(1774746000));
  EXPECT_EQ(zone->changes[0].offset, seconds(7200));
  EXPECT_EQ(zone->changes[1].at.time_since_epoch(), seconds(1792890000));
  EXPECT_EQ(zone->changes[1].offset, seconds(3600));
}

TEST(TzifTest, TheFooterRuleExtendsTheTransitions) {
  std::string file = block('2', 4, {}, {}, {{0, 0}}) +
                     block('2', 8, {1774746000, 1792890000}, {1, 2}, kCentralEurope) +
                     "\nCET-1CEST,M3.5.0,M10.5.0/3\n";
  Result<core::ZoneRules> zone = parse_tzif(file, "Europe/Berlin");
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  ASSERT_GT(zone->changes.size(), 300u);  // Two a year, to 2199.
  // 2027-03-28 01:00 UTC, the first change the footer adds.
  EXPECT_EQ(zone->changes[2].at.time_since_epoch(), seconds(1806195600));
  EXPECT_EQ(zone->changes[2].offset, seconds(7200));
  // A footer drover cannot evaluate leaves the last offset in effect.
  std::string julian = block('2', 4, {}, {}, {{0, 0}}) +
                       block('2', 8, {1774746000}, {1}, kCentralEurope) + "\nX-1Y,J60,J300\n";
  EXPECT_EQ(parse_tzif(julian, "X")->changes.size(), 1u);
}

TEST(TzifTest, ReadsVersionOneWithNegativeOffsets) {
  std::string file = block('\0', 4, {1772953200, 1793512800}, {1, 0}, {{-18000, 0}, {-14400, 1}});
  Result<core::ZoneRules> zone = parse_tzif(file, "America/New_York");
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  EXPECT_EQ(zone->initial_offset, seconds(-18000));
  ASSERT_EQ(zone->changes.size(), 2u);
  EXPECT_EQ(zone->changes[0].offset, seconds(-14400));
  EXPECT_EQ(zone->changes[1].offset, seconds(-18000));
}

TEST(TzifTest, AZoneWithoutTransitionsHasOneOffset) {
  Result<core::ZoneRules> zone = parse_tzif(block('\0', 4, {}, {}, {{19800, 0}}), "Asia/Kolkata");
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(zone->initial_offset, seconds(19800));
  EXPECT_TRUE(zone->changes.empty());
}

TEST(TzifTest, RejectsWhatIsNotAValidTzifFile) {
  auto error = [](const std::string& bytes) {
    Result<core::ZoneRules> zone = parse_tzif(bytes, "X/Y");
    return zone ? std::string("(parsed)") : zone.error().message;
  };
  EXPECT_EQ(error(""), "time zone X/Y: not a TZif file");
  EXPECT_EQ(error("#!/bin/sh\n" + std::string(40, ' ')), "time zone X/Y: not a TZif file");
  std::string good = block('\0', 4, {100, 200}, {1, 0}, kCentralEurope);
  EXPECT_EQ(error(good.substr(0, good.size() - 1)), "time zone X/Y: truncated TZif file");
  EXPECT_EQ(error(block('\0', 4, {100}, {7}, kCentralEurope)),
            "time zone X/Y: corrupt transition table");
  EXPECT_EQ(error(block('\0', 4, {200, 100}, {1, 0}, kCentralEurope)),
            "time zone X/Y: corrupt transition table");
  EXPECT_EQ(error(block('\0', 4, {}, {}, {})), "time zone X/Y: no local time types");
  // A version 2 file cut inside its second block.
  std::string v2 = block('2', 4, {}, {}, {{0, 0}}) + block('2', 8, {100}, {1}, kCentralEurope);
  EXPECT_EQ(error(v2.substr(0, v2.size() - 3)), "time zone X/Y: truncated TZif file");
  EXPECT_EQ(error(block('2', 4, {}, {}, {{0, 0}})), "time zone X/Y: not a TZif file");
}

}  // namespace
}  // namespace drover::tz
