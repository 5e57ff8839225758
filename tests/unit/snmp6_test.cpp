// SPDX-License-Identifier: MIT
// Tests for the /proc/net/snmp6 parser.
#include "netstat_audit/parse/snmp6.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

TEST(ParseSnmp6, SectionsFollowKeyPrefixes) {
    auto result = parse_snmp6("Ip6InReceives                   \t1019\n"
                              "Ip6OutTransmits                 \t5\n"
                              "Icmp6InMsgs                     \t0\n"
                              "Icmp6InType1                    \t2\n"
                              "UdpLite6InDatagrams             \t-1\n"
                              "Foo\t9");
    ASSERT_EQ(result.rows.size(), 4u);
    EXPECT_EQ(result.rows[0].name, "Ip6");
    EXPECT_EQ(result.rows[0].counters.size(), 2u);
    EXPECT_EQ(result.rows[0].counters[0].value, 1019);
    EXPECT_EQ(result.rows[1].name, "Icmp6");
    EXPECT_EQ(result.rows[1].counters[1].name, "Icmp6InType1");
    EXPECT_EQ(result.rows[2].name, "UdpLite6");
    EXPECT_EQ(result.rows[2].counters[0].value, -1);
    EXPECT_EQ(result.rows[3].name, "Foo");
    EXPECT_EQ(result.rows[3].counters[0].value, 9);
}

TEST(ParseSnmp6, KeyContainingTheSectionNameStaysInIt) {
    auto result = parse_snmp6("Ip6InReceives 1\nIcmp6Ip6Odd 2\nXIcmp6Y 3\nXIp6Y 4\n");
    ASSERT_EQ(result.rows.size(), 3u);
    EXPECT_EQ(result.rows[0].counters.size(), 2u); // "Icmp6Ip6Odd" contains "Ip6"
    EXPECT_EQ(result.rows[1].name, "XIcmp6");
    EXPECT_EQ(result.rows[2].name, "XIp6");
}
