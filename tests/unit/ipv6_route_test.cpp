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

TEST(ParseIpv6Routes, BogusRowBetweenGoodOnesIsSkipped) {
    auto result = parse_ipv6_routes(
        "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 "
        "00000000000000000000000000000000 00000100 00000001 00000000 00000001    veth0\n"
        "bogus\n"
        "00000000000000000000000000000001 80 00000000000000000000000000000000 00 "
        "00000000000000000000000000000000 ffffffff 00000003 00000000 80200001       lo");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].prefix_length, 64u);
    EXPECT_EQ(result.rows[1].metric, 0xffffffffu);
    EXPECT_EQ(result.rows[1].device, "lo");
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].line, 2u);
}
