// SPDX-License-Identifier: MIT
// Tests for /proc hex address decoding and numeric formatting.
#include "netstat_audit/model/net_address.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

std::string decode(std::string_view hex) {
    auto address = parse_proc_hex_address(hex, proc_address_version(hex));
    return address ? format_numeric(*address) : "<none>";
}

} // namespace

TEST(ParseProcHexAddress, Ipv4IsLittleEndianWord) {
    EXPECT_EQ(decode("0A6433C6"), "198.51.100.10");
    EXPECT_EQ(decode("0100007F"), "127.0.0.1");
    EXPECT_EQ(decode("00000000"), "0.0.0.0");
    EXPECT_EQ(decode("0100007f"), "127.0.0.1");
}

TEST(ParseProcHexAddress, ShortWordIsStillIpv4) {
    EXPECT_EQ(decode("7F"), "127.0.0.0");
}

TEST(ParseProcHexAddress, Ipv6IsFourWords) {
    EXPECT_EQ(decode("B80D0120000000000000000010000000"), "2001:db8::10");
    EXPECT_EQ(decode("0000000000000000FFFF00000100007F"), "::ffff:127.0.0.1");
    EXPECT_EQ(decode("00000000000000000000000001000000"), "::1");
}

TEST(ParseProcHexAddress, RejectsNonHexAndOverlong) {
    EXPECT_EQ(decode("0100007G"), "<none>");
    EXPECT_EQ(decode(""), "<none>");
    EXPECT_EQ(decode(std::string(65, '0')), "<none>");
}

TEST(ParseProcHexAddress, Ipv4WordOverflowKeepsLowBitsLikeScanf) {
    auto address = parse_proc_hex_address("1230100007F", IpVersion::v4);
    ASSERT_TRUE(address);
    EXPECT_EQ(format_numeric(*address), "127.0.0.1");
}

TEST(IpAddress, UnspecifiedAndMapped) {
    auto any6 = parse_proc_hex_address(std::string(32, '0'), IpVersion::v6);
    ASSERT_TRUE(any6);
    EXPECT_TRUE(any6->is_unspecified());
    auto mapped_any = parse_proc_hex_address("0000000000000000FFFF000000000000", IpVersion::v6);
    ASSERT_TRUE(mapped_any);
    EXPECT_FALSE(mapped_any->is_unspecified());
}

TEST(ParseNumbers, HexDecimalSigned) {
    EXPECT_EQ(parse_hex("ff"), 255u);
    EXPECT_FALSE(parse_hex("").has_value());
    EXPECT_EQ(parse_decimal("18446744073709551615"), UINT64_MAX);
    EXPECT_FALSE(parse_decimal("18446744073709551616").has_value());
    EXPECT_EQ(parse_signed_decimal("-1"), -1);
}

TEST(DecodeProcIpv6, ShortAddressKeepsTheWordsItDoesNotReach) {
    ProcIpv6Words words{};
    decode_proc_ipv6("11111111222222223333333344444444", words);
    // 17 digits: words 0 and 1, then "C" as word 2; word 3 keeps 0x44444444.
    EXPECT_EQ(format_numeric(decode_proc_ipv6("AAAAAAAABBBBBBBBC", words)),
              "aaaa:aaaa:bbbb:bbbb:c00:0:4444:4444");
    // 8 digits in an IPv6 line: only word 0.
    EXPECT_EQ(format_numeric(decode_proc_ipv6("0100007F", words)),
              "7f00:1:bbbb:bbbb:c00:0:4444:4444");
}
