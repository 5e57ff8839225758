// SPDX-License-Identifier: MIT
// Tests for the /proc/net/snmp, netstat and sctp/snmp counter parsers.
#include "netstat_audit/parse/counters.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

TEST(ParseCounterPairs, PairsByNameWithEveryValueKind) {
    auto result = parse_counter_pairs("Tcp: RtoMin MaxConn ActiveOpens Big\n"
                                      "Tcp: 200 -1 18446744073709551615 99999999999999999999\n",
                                      "net/snmp");
    ASSERT_EQ(result.rows.size(), 1u);
    const CounterGroup& tcp = result.rows[0];
    EXPECT_EQ(tcp.name, "Tcp");
    ASSERT_EQ(tcp.counters.size(), 4u);
    EXPECT_EQ(tcp.counters[0].name, "RtoMin");
    EXPECT_EQ(tcp.counters[0].value, 200);
    EXPECT_EQ(tcp.counters[1].value, -1);
    EXPECT_EQ(tcp.counters[2].value, -1);
    EXPECT_EQ(tcp.counters[3].value, -1); // strtoull saturates
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(ParseCounterPairs, MissingValuesAreZeroAndExtraValuesIgnored) {
    auto result = parse_counter_pairs("Foo: A B C\nFoo: 1\nBar: X\nBar: 5 6 7", "net/netstat");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].counters[1].value, 0);
    EXPECT_EQ(result.rows[0].counters[2].value, 0);
    ASSERT_EQ(result.rows[1].counters.size(), 1u);
    EXPECT_EQ(result.rows[1].counters[0].value, 5);
}

TEST(ParseCounterPairs, EmptyLineBeforeAPairIsSkipped) {
    auto result = parse_counter_pairs("\nIp: Forwarding\nIp: 1\n", "net/snmp");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].counters[0].value, 1);
}

TEST(ParseCounterPairs, PairWithoutColonStopsTheParse) {
    auto result =
        parse_counter_pairs("Ip: Forwarding\nIp: 1\nbogus\nline\nUdp: A\nUdp: 1\n", "net/snmp");
    ASSERT_EQ(result.rows.size(), 1u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].line, 4u);
}

TEST(ParseCounterPairs, LoneLastLineIsIgnored) {
    auto result = parse_counter_pairs("Ip: Forwarding\nIp: 1\nUdp: A\n", "net/snmp");
    EXPECT_EQ(result.rows.size(), 1u);
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(ParseSctpCounters, KeyValueLines) {
    CounterGroup group = parse_sctp_counters("SctpCurrEstab                   \t3\nSctpX 7");
    EXPECT_EQ(group.name, "Sctp");
    ASSERT_EQ(group.counters.size(), 2u);
    EXPECT_EQ(group.counters[0].name, "SctpCurrEstab");
    EXPECT_EQ(group.counters[0].value, 3);
    EXPECT_EQ(group.counters[1].value, 7);
}
