// SPDX-License-Identifier: MIT
// Tests for the /proc/net/packet parser.
#include "netstat_audit/parse/packet.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace netstat_audit;

namespace {

constexpr std::string_view k_packet_header =
    "sk               RefCnt Type Proto  Iface R Rmem   User   Inode\n";

} // namespace

TEST(ParsePacketSockets, HeaderOnlyFileHasNoRows) {
    auto result = parse_packet_sockets(k_packet_header);
    EXPECT_TRUE(result.rows.empty());
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(ParsePacketSockets, FullRowEveryField) {
    auto result = parse_packet_sockets(std::string(k_packet_header) +
                                       "ffff8f0c4a1e2000 3      3    0003   2     1 4352   101    "
                                       "21534\n");
    ASSERT_EQ(result.rows.size(), 1u);
    const PacketSocket& row = result.rows[0];
    EXPECT_EQ(row.type, 3u);
    EXPECT_EQ(row.protocol, k_eth_p_all);
    EXPECT_EQ(row.interface_index, 2);
    EXPECT_TRUE(row.running);
    EXPECT_EQ(row.receive_memory_bytes, 4352u);
    EXPECT_EQ(row.uid, 101u);
    EXPECT_EQ(row.inode, 21534u);
}

TEST(ParsePacketSockets, BogusRowBetweenGoodOnesIsSkippedWithItsLineNumber) {
    auto result = parse_packet_sockets(std::string(k_packet_header) +
                                       "ffff8f0c4a1e2000 3 3 0003 2 1 0 0 100\n"
                                       "ffff8f0c4a1e2800 3 3 zz 2 1 0 0 101\n"
                                       "ffff8f0c4a1e3000 3 2 0800 0 0 0 0 102\n");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].inode, 100u);
    EXPECT_EQ(result.rows[1].inode, 102u);
    EXPECT_EQ(result.rows[1].protocol, 0x0800u);
    EXPECT_FALSE(result.rows[1].running);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].file, "net/packet");
    EXPECT_EQ(result.diagnostics[0].line, 3u);
}

TEST(ParsePacketSockets, NoTrailingNewlineAndExtraFields) {
    auto result = parse_packet_sockets(std::string(k_packet_header) +
                                       "ffff8f0c4a1e2000 3 3 0003 2 1 0 0 100 extra fields");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].inode, 100u);
}

TEST(ParsePacketSockets, TooFewFieldsIsADiagnostic) {
    auto result =
        parse_packet_sockets(std::string(k_packet_header) + "ffff8f0c4a1e2000 3 3 0003 2\n");
    EXPECT_TRUE(result.rows.empty());
    EXPECT_EQ(result.diagnostics.size(), 1u);
}

TEST(ParsePacketSockets, Maxima) {
    auto result = parse_packet_sockets(std::string(k_packet_header) +
                                       "ffffffffffffffff 1 3 ffff 2147483647 1 "
                                       "18446744073709551615 4294967295 18446744073709551615\n");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].protocol, 0xffffu);
    EXPECT_EQ(result.rows[0].interface_index, 2147483647);
    EXPECT_EQ(result.rows[0].uid, 4294967295u);
    EXPECT_EQ(result.rows[0].inode, 18446744073709551615u);
}

TEST(ParsePacketSockets, OutOfRangeEthertypeIsADiagnostic) {
    auto result =
        parse_packet_sockets(std::string(k_packet_header) + "ffff 1 3 10000 2 1 0 0 100\n");
    EXPECT_TRUE(result.rows.empty());
    EXPECT_EQ(result.diagnostics.size(), 1u);
}
