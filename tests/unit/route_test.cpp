// SPDX-License-Identifier: MIT
// Tests for the /proc/net/route parser.
#include "netstat_audit/parse/route.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

constexpr std::string_view k_route_header =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT   \n";

} // namespace

TEST(ParseIpv4Routes, HeaderOnlyFileHasNoRows) {
    auto result = parse_ipv4_routes(k_route_header);
    ASSERT_TRUE(result.has_value());
    EXPECT_TRUE(result->rows.empty());
    EXPECT_TRUE(result->diagnostics.empty());
}

TEST(ParseIpv4Routes, FullRowEveryField) {
    auto result =
        parse_ipv4_routes(std::string(k_route_header) +
                          "veth1\t006433C6\t016433C6\t0007\t1\t12345\t-1\tC0FFFFFF\t1400\t"
                          "65535\t300\n");
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->rows.size(), 1u);
    const Ipv4Route& r = result->rows[0];
    EXPECT_EQ(r.interface_name, "veth1");
    EXPECT_EQ(format_numeric(r.destination), "198.51.100.0");
    EXPECT_EQ(format_numeric(r.gateway), "198.51.100.1");
    EXPECT_EQ(format_numeric(r.mask), "255.255.255.192");
    EXPECT_EQ(r.flags, 7u);
    EXPECT_EQ(r.refcnt, 1);
    EXPECT_EQ(r.use, 12345);
    EXPECT_EQ(r.metric, -1);
    EXPECT_EQ(r.mtu, 1400);
    EXPECT_EQ(r.window, 65535);
    EXPECT_EQ(r.irtt, 300);
}

TEST(ParseIpv4Routes, BogusRowBetweenGoodOnesIsSkipped) {
    auto result = parse_ipv4_routes(std::string(k_route_header) +
                                    "lo\t0000007F\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0\n"
                                    "garbage line\n"
                                    "eth0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0");
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->rows.size(), 2u);
    EXPECT_EQ(result->rows[1].interface_name, "eth0");
    ASSERT_EQ(result->diagnostics.size(), 1u);
    EXPECT_EQ(result->diagnostics[0].line, 3u);
}

// A line with 10 of the 11 values is a row that records the missing IRTT instead of reusing the
// previous line's (the reuse is RouteCarryOver's, in the view).
TEST(ParseIpv4Routes, RowWithoutIrttSaysSo) {
    auto result = parse_ipv4_routes(std::string(k_route_header) +
                                    "lo\t0000007F\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t7\n"
                                    "eth0\t00000000\t0102A8C0\t0003\t0\t0\t100\t00000000\t0\t0\n");
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->rows.size(), 2u);
    EXPECT_TRUE(result->rows[0].irtt_present);
    EXPECT_EQ(result->rows[0].irtt, 7);
    EXPECT_FALSE(result->rows[1].irtt_present);
    EXPECT_EQ(result->rows[1].irtt, 0);
    EXPECT_TRUE(result->diagnostics.empty());
}

TEST(ParseIpv4Routes, MissingColumnNamesTheFirstOneNotFound) {
    auto result =
        parse_ipv4_routes("Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\t"
                          "MTU\tWindow\n");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(), "IRTT");
}

TEST(ParseIpv4Routes, ReorderedColumnsAreMissing) {
    auto result =
        parse_ipv4_routes("Destination\tIface\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\t"
                          "MTU\tWindow\tIRTT\n");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(), "Destination");
}

TEST(ParseIpv4Routes, ExtraColumnsAreSkippedByName) {
    auto result = parse_ipv4_routes("Iface Extra Destination Gateway Flags RefCnt Use Metric Mask "
                                    "MTU Window IRTT\n"
                                    "eth0 zz 0000000A 00000000 0001 0 0 0 000000FF 0 0 0\n");
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->rows.size(), 1u);
    EXPECT_EQ(format_numeric(result->rows[0].destination), "10.0.0.0");
}

TEST(ParseIpv4Routes, EmptyFileIsAnErrorWithoutName) {
    auto result = parse_ipv4_routes("");
    ASSERT_FALSE(result.has_value());
    EXPECT_EQ(result.error(), "");
}

TEST(ParseIpv4Routes, LongInterfaceNameIsCutAt15) {
    auto result =
        parse_ipv4_routes(std::string(k_route_header) +
                          "averylongifname\t0000000A\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0"
                          "\t0\n");
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->rows.size(), 1u);
    EXPECT_EQ(result->rows[0].interface_name, "averylongifname");
}

TEST(ParseIpv4Routes, MetricOverflowKeepsLow32Bits) {
    auto result =
        parse_ipv4_routes(std::string(k_route_header) +
                          "lo\t0000007F\t00000000\t0001\t0\t0\t4294967295\t000000FF\t0\t0\t0\n");
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->rows.size(), 1u);
    EXPECT_EQ(result->rows[0].metric, -1);
}

TEST(ParseIpv4Routes, AddressThatIsNotEightHexDigitsIsFlaggedInvalid) {
    auto result = parse_ipv4_routes(std::string(k_route_header) +
                                    "lo\t7F\t00000000\t0001\t0\t0\t0\t0000FFGG\t0\t0\t0\n");
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->rows.size(), 1u);
    EXPECT_FALSE(result->rows[0].destination_valid);
    EXPECT_TRUE(result->rows[0].gateway_valid);
    EXPECT_FALSE(result->rows[0].mask_valid);
}
