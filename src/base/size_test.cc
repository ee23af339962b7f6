#include "base/size.h"

#include <gtest/gtest.h>

namespace drover {
namespace {

uint64_t ok(std::string_view text) {
  Result<uint64_t> size = parse_size(text);
  EXPECT_TRUE(size.has_value()) << text;
  return size ? *size : 0;
}

std::string error_of(std::string_view text) {
  Result<uint64_t> size = parse_size(text);
  EXPECT_FALSE(size.has_value()) << text;
  return size ? "" : size.error().message;
}

TEST(ParseSizeTest, BareIntegersAreBytes) {
  EXPECT_EQ(ok("0"), 0u);
  EXPECT_EQ(ok("500"), 500u);
  EXPECT_EQ(ok("18446744073709551615"), UINT64_MAX);
}

TEST(ParseSizeTest, DecimalUnitsArePowersOf1000) {
  EXPECT_EQ(ok("512KB"), 512000u);
  EXPECT_EQ(ok("10MB"), 10000000u);
  EXPECT_EQ(ok("1GB"), 1000000000u);
  EXPECT_EQ(ok("2TB"), 2000000000000u);
  EXPECT_EQ(ok("0MB"), 0u);
}

TEST(ParseSizeTest, BinaryUnitsArePowersOf1024) {
  EXPECT_EQ(ok("1KiB"), 1024u);
  EXPECT_EQ(ok("1MiB"), 1048576u);
  EXPECT_EQ(ok("3GiB"), 3u * 1073741824u);
  EXPECT_EQ(ok("1TiB"), 1099511627776u);
}

TEST(ParseSizeTest, RejectsLooseSpellings) {
  const std::string expected =
      "; expected bytes or a whole number with a unit: 500, 512KB, 10MB, 1GiB";
  for (std::string_view text : {"", "MB", "10 MB", "10mb", "10Mb", "1.5MB", "-1", "+5", "10M",
                                "10B", "10MBs", " 10", "0x10"}) {
    EXPECT_EQ(error_of(text), "invalid size \"" + std::string(text) + "\"" + expected);
  }
}

TEST(ParseSizeTest, RejectsOverflow) {
  EXPECT_EQ(error_of("18446744073709551616"),
            "invalid size \"18446744073709551616\"; the number is too large");
  EXPECT_EQ(error_of("20000000000GB"), "invalid size \"20000000000GB\"; the number is too large");
  EXPECT_EQ(error_of("17179869184GiB"), "invalid size \"17179869184GiB\"; the number is too large");
}

TEST(FormatSizeTest, ShortestExactRendering) {
  EXPECT_EQ(format_size(0), "0");
  EXPECT_EQ(format_size(500), "500");
  EXPECT_EQ(format_size(1500), "1500");
  EXPECT_EQ(format_size(10000000), "10MB");
  EXPECT_EQ(format_size(1048576), "1MiB");
  EXPECT_EQ(format_size(65536), "64KiB");
  EXPECT_EQ(format_size(1024000), "1000KiB");
  for (uint64_t value : {0ULL, 7ULL, 1000ULL, 1024ULL, 123456789ULL, 1ULL << 40}) {
    EXPECT_EQ(ok(format_size(value)), value);
  }
}

}  // namespace
}  // namespace drover
