// SPDX-License-Identifier: MIT
// Tests for the /proc/net/dev and /proc/net/if_inet6 parsers.
#include "netstat_audit/parse/net_dev.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

constexpr std::string_view k_net_dev_header =
    "Inter-|   Receive                                                |  Transmit\n"
    " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs "
    "drop fifo colls carrier compressed\n";

} // namespace

TEST(ParseNetDev, HeaderOnlyFileHasNoRows) {
    EXPECT_TRUE(parse_net_dev(k_net_dev_header).rows.empty());
}

TEST(ParseNetDev, FullRowEveryField) {
    auto result = parse_net_dev(std::string(k_net_dev_header) +
                                " veth0: 1234567890123 123456789012 1 2 3 4 5 6  987654 4321 7 "
                                "8 9 10 11 12\n");
    ASSERT_EQ(result.rows.size(), 1u);
    const InterfaceStatsRow& row = result.rows[0];
    EXPECT_EQ(row.name, "veth0");
    EXPECT_EQ(row.stats.rx_bytes, 1234567890123u);
    EXPECT_EQ(row.stats.rx_packets, 123456789012u);
    EXPECT_EQ(row.stats.rx_errors, 1u);
    EXPECT_EQ(row.stats.rx_dropped, 2u);
    EXPECT_EQ(row.stats.rx_fifo, 3u);
    EXPECT_EQ(row.stats.rx_frame, 4u);
    EXPECT_EQ(row.stats.rx_compressed, 5u);
    EXPECT_EQ(row.stats.rx_multicast, 6u);
    EXPECT_EQ(row.stats.tx_bytes, 987654u);
    EXPECT_EQ(row.stats.tx_packets, 4321u);
    EXPECT_EQ(row.stats.tx_errors, 7u);
    EXPECT_EQ(row.stats.tx_dropped, 8u);
    EXPECT_EQ(row.stats.tx_fifo, 9u);
    EXPECT_EQ(row.stats.tx_collisions, 10u);
    EXPECT_EQ(row.stats.tx_carrier, 11u);
    EXPECT_EQ(row.stats.tx_compressed, 12u);
}

TEST(ParseNetDev, FifteenByteNameLosesItsCounters) {
    auto result = parse_net_dev(std::string(k_net_dev_header) +
                                "averylongifname:       1       1 0 0 0 0 0 0 1 1 0 0 0 0 0 0\n"
                                "    lo:    3267      29 0 0 0 0 0 0 3267 29 0 0 0 0 0 0");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].name, "averylongifname");
    EXPECT_EQ(result.rows[0].stats.rx_packets, 0u);
    EXPECT_EQ(result.rows[1].name, "lo");
    EXPECT_EQ(result.rows[1].stats.rx_packets, 29u);
}

TEST(ParseNetDev, AliasNameKeepsItsNumber) {
    auto result =
        parse_net_dev(std::string(k_net_dev_header) + "eth0:1: 5 6 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].name, "eth0:1");
    EXPECT_EQ(result.rows[0].stats.rx_packets, 6u);
}

TEST(ParseNetDev, OldLayoutWithoutBytes) {
    auto result = parse_net_dev("Inter-|   Receive\n face |packets errs drop fifo frame|packets\n"
                                "  eth0: 10 1 2 3 4 20 5 6 7 8 9\n");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].stats.rx_packets, 10u);
    EXPECT_EQ(result.rows[0].stats.rx_bytes, 0u);
    EXPECT_EQ(result.rows[0].stats.tx_packets, 20u);
    EXPECT_EQ(result.rows[0].stats.tx_carrier, 9u);
}

TEST(ParseIfInet6, RowsAndBogusLine) {
    auto result = parse_if_inet6("fe800000000000000000000000000001 02 40 20 80    veth0\n"
                                 "bogus\n"
                                 "00000000000000000000ffffc0000209 02 60 00 80    veth0\n");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(format_numeric(result.rows[0].address), "fe80::1");
    EXPECT_EQ(result.rows[0].prefix_length, 64u);
    EXPECT_EQ(result.rows[0].scope, 0x20u);
    EXPECT_EQ(result.rows[0].device, "veth0");
    EXPECT_EQ(result.rows[1].prefix_length, 96u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].line, 2u);
}
