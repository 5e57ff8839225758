// SPDX-License-Identifier: MIT
// Tests for the /proc/net/ipv6_route parser.
#include "netstat_audit/parse/ipv6_route.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

TEST(ParseIpv6Routes, FullRowEveryField) {
    auto result = parse_ipv6_routes(
        "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
        "20010db8000000000000000000000001 00000400 00000002 00000005 00050003    veth0\n");
    ASSERT_EQ(result.rows.size(), 1u);
    const Ipv6Route& r = result.rows[0];
    EXPECT_EQ(format_numeric(r.destination), "::");
    EXPECT_EQ(r.prefix_length, 0u);
    EXPECT_EQ(format_numeric(r.next_hop), "2001:db8::1");
    EXPECT_EQ(r.metric, 0x400u);
    EXPECT_EQ(r.refcnt, 2u);
    EXPECT_EQ(r.use, 5u);
    EXPECT_EQ(r.flags, 0x50003u);
    EXPECT_EQ(r.device, "veth0");
}

TEST(ParseIpv6Routes, BogusRowBetweenGoodOnesIsAShortRowWithADiagnostic) {
    auto result = parse_ipv6_routes(
        "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 "
        "00000000000000000000000000000000 00000100 00000001 00000000 00000001    veth0\n"
        "bogus\n"
        "00000000000000000000000000000001 80 00000000000000000000000000000000 00 "
        "00000000000000000000000000000000 ffffffff 00000003 00000000 80200001       lo");
    ASSERT_EQ(result.rows.size(), 3u); // netstat prints a row for every line
    EXPECT_EQ(result.rows[0].prefix_length, 64u);
    EXPECT_TRUE(is_ipv6_route(result.rows[0]));
    EXPECT_EQ(result.rows[1].values_read, 2u); // "%4s%4s": "bogu", "s"
    EXPECT_FALSE(result.rows[1].destination_valid);
    EXPECT_EQ(result.rows[1].destination_groups[1], -1); // "s" is no hex number
    EXPECT_FALSE(is_ipv6_route(result.rows[1]));
    EXPECT_EQ(result.rows[2].metric, 0xffffffffu);
    EXPECT_EQ(result.rows[2].device, "lo");
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].line, 2u);
}

TEST(ParseIpv6Routes, BlankLineIsARowOfNoValues) {
    auto result = parse_ipv6_routes("\n"
                                    "fe80 0db8\n");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].values_read, 0u);
    EXPECT_EQ(result.rows[1].values_read, 2u);
    EXPECT_EQ(result.rows[1].destination_groups[0], 0xfe80);
    EXPECT_EQ(result.rows[1].destination_groups[1], 0x0db8);
    EXPECT_EQ(result.rows[1].destination_groups[2], -1);
    EXPECT_EQ(result.diagnostics.size(), 2u);
}

TEST(ParseIpv6Routes, ShortRowRecordsWhatItHad) {
    // 23 values: destination, prefix, source, prefix and five next-hop groups. Each line is
    // scanned alone: what the line lacks is 0 here (the reuse is Ipv6RouteCarryOver's).
    auto result = parse_ipv6_routes(
        "20010db8000000000000000000000000 40 00000000000000000000000000000000 00 "
        "fe800000000000000000000000000001 00000100 00000001 00000000 00000001     eth0\n"
        "20010db8000100000000000000000000 40 00000000000000000000000000000000 00 "
        "fe80 0001 0002 0003 0004\n");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].values_read, 31u);
    const Ipv6Route& r = result.rows[1];
    EXPECT_EQ(r.values_read, 23u);
    EXPECT_EQ(format_numeric(r.destination), "2001:db8:1::");
    EXPECT_EQ(format_numeric(r.next_hop), "fe80:1:2:3:4::");
    EXPECT_EQ(r.next_hop_groups[4], 4);
    EXPECT_EQ(r.next_hop_groups[5], -1);
    EXPECT_EQ(r.metric, 0u);
    EXPECT_EQ(r.flags, 0u);
    EXPECT_EQ(r.device, "");
}

TEST(ParseIpv6Routes, BadNextHopGroupGivesUnspecifiedAndMinusOne) {
    auto result = parse_ipv6_routes(
        "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
        "fe80 0000 zz 0000 0000 0000 0000 0001 00000100 00000001 00000000 00000001 eth0\n");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(format_numeric(result.rows[0].next_hop), "::");
    EXPECT_EQ(result.rows[0].next_hop_groups[2], -1);
    EXPECT_EQ(result.rows[0].next_hop_groups[7], 1);
    EXPECT_TRUE(result.rows[0].destination_valid);
}
