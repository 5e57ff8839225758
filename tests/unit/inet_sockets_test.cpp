// SPDX-License-Identifier: MIT
// Tests for the /proc/net/{tcp,udp,raw}{,6} parser.
#include "netstat_audit/parse/inet_sockets.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

constexpr std::string_view k_header =
    "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout "
    "inode\n";
constexpr std::string_view k_full_row =
    "   0: 0A6433C6:0016 054B71CB:C738 01 000001F4:00000005 02:00001D4C 00000003  1000        "
    "7 1003 1 0000000000000000 20 4 30 10 -1\n";

} // namespace

TEST(ParseInetSockets, HeaderOnlyFileHasNoRows) {
    auto result = parse_inet_sockets(k_header, InetProtocol::tcp, IpVersion::v4, "net/tcp");
    EXPECT_TRUE(result.rows.empty());
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(ParseInetSockets, FullRowEveryField) {
    auto result = parse_inet_sockets(std::string(k_header) + std::string(k_full_row),
                                     InetProtocol::tcp, IpVersion::v4, "net/tcp");
    ASSERT_EQ(result.rows.size(), 1u);
    const InetSocket& s = result.rows[0];
    EXPECT_EQ(format_numeric(s.local.address), "198.51.100.10");
    EXPECT_EQ(s.local.port, 22);
    EXPECT_EQ(format_numeric(s.remote.address), "203.113.75.5");
    EXPECT_EQ(s.remote.port, 0xC738);
    EXPECT_EQ(s.state, 1u);
    EXPECT_EQ(s.tx_queue_bytes, 500u);
    EXPECT_EQ(s.rx_queue_bytes, 5u);
    EXPECT_EQ(s.timer_kind, 2u);
    EXPECT_EQ(s.timer_jiffies, 7500u);
    EXPECT_EQ(s.retransmits, 3u);
    EXPECT_EQ(s.uid, 1000);
    EXPECT_EQ(s.timeout, 7);
    EXPECT_EQ(s.inode, 1003u);
}

TEST(ParseInetSockets, BogusRowBetweenTwoGoodOnes) {
    std::string text = std::string(k_header) + std::string(k_full_row) + "   1: garbage\n" +
                       std::string(k_full_row);
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v4, "net/tcp");
    EXPECT_EQ(result.rows.size(), 2u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].line, 3u);
    EXPECT_EQ(result.diagnostics[0].file, "net/tcp");
}

TEST(ParseInetSockets, TcpNeedsRetransmitsUdpOnlyWhen) {
    std::string row = std::string(k_header) +
                      "   2: 0100007F:0017 00000000:0000 0A 00000000:00000000 00:00000000\n";
    EXPECT_EQ(parse_inet_sockets(row, InetProtocol::tcp, IpVersion::v4, "t").rows.size(), 0u);
    auto udp = parse_inet_sockets(row, InetProtocol::udp, IpVersion::v4, "u");
    ASSERT_EQ(udp.rows.size(), 1u);
    EXPECT_EQ(udp.rows[0].inode, 0u);
    EXPECT_EQ(udp.rows[0].uid, 0);
}

TEST(ParseInetSockets, NoTrailingNewlineAndExtraFields) {
    std::string text = std::string(k_header) +
                       "6: 0100007F:0018 00000000:0000 0A 0:0 0:0 0 5 6 4294967296 extra fields";
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v4, "net/tcp");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].local.port, 24);
    EXPECT_EQ(result.rows[0].inode, 4294967296u);
}

TEST(ParseInetSockets, EmptyLineIsBogus) {
    std::string text = std::string(k_header) + "\n" + std::string(k_full_row);
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v4, "net/tcp");
    EXPECT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.diagnostics.size(), 1u);
}

TEST(ParseInetSockets, FamilyFollowsLocalAddressLength) {
    std::string text = std::string(k_header) +
                       "   0: 0100007F:0016 00000000:0000 0A 00000000:00000000 00:00000000 "
                       "00000000 0 0 1\n";
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v6, "net/tcp6");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].local.address.version, IpVersion::v4);
    EXPECT_EQ(result.rows[0].file_version, IpVersion::v6);
}

TEST(ParseInetSockets, MaximaAndNegativeUid) {
    std::string text = std::string(k_header) +
                       "   0: 0100007F:FFFF 00000000:0000 0A FFFFFFFF:FFFFFFFF 00:00000000 "
                       "00000000 -1 0 18446744073709551615\n";
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v4, "net/tcp");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].local.port, 65535);
    EXPECT_EQ(result.rows[0].uid, -1);
    EXPECT_EQ(result.rows[0].inode, UINT64_MAX);
    EXPECT_EQ(result.rows[0].rx_queue_bytes, 0xFFFFFFFFu);
}

TEST(ParseInetSockets, LineLongerThanFgetsBufferSplits) {
    std::string text = std::string(k_header) + std::string(k_full_row.substr(0, 90)) +
                       std::string(9000, 'x') + "\n";
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v4, "net/tcp");
    EXPECT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.diagnostics.size(), 1u); // the tail chunk
}

TEST(ParseInetSockets, MissingTrailingFieldsAreZeroAndNotPresent) {
    std::string text = std::string(k_header) +
                       "   0: 0100007F:0016 00000000:0000 0A 0:0 00:0 00000000\n"
                       "   1: 0100007F:0017 00000000:0000 0A 0:0 00:0 00000011 1000 5 4444\n"
                       "   2: 0100007F:0018 00000000:0000 0A 0:0 00:0\n"
                       "   3: 0100007F:0019 00000000:0000 0A 0:0 00:0 00000000 77\n";
    auto result = parse_inet_sockets(text, InetProtocol::raw, IpVersion::v4, "net/raw");
    ASSERT_EQ(result.rows.size(), 4u);
    EXPECT_EQ(result.rows[0].present, inet_field::k_retransmits);
    EXPECT_EQ(result.rows[1].present, inet_field::k_all);
    EXPECT_EQ(result.rows[1].inode, 4444u);
    EXPECT_EQ(result.rows[2].present, 0);
    EXPECT_EQ(result.rows[2].uid, 0);
    EXPECT_EQ(result.rows[2].inode, 0u);
    EXPECT_EQ(result.rows[2].retransmits, 0u);
    EXPECT_EQ(result.rows[3].present, inet_field::k_retransmits | inet_field::k_uid);
    EXPECT_EQ(result.rows[3].uid, 77);
    EXPECT_EQ(result.rows[3].inode, 0u);
}

TEST(ParseInetSockets, ShortIpv6AddressesRecordTheWordsTheyReach) {
    std::string text = std::string(k_header) +
                       "   0: 11111111222222223333333344444444:0016 "
                       "55555555666666667777777788888888:0000 0A 0:0 0:0 0 0 0 1\n"
                       "   1: AAAAAAAABBBBBBBBC:0017 DDDDDDDDE:0001 0A 0:0 0:0 0 0 0 1\n";
    auto result = parse_inet_sockets(text, InetProtocol::tcp, IpVersion::v6, "net/tcp6");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_EQ(result.rows[0].local_words, 4);
    EXPECT_EQ(result.rows[1].local_words, 3);
    EXPECT_EQ(result.rows[1].remote_words, 2);
    EXPECT_EQ(format_numeric(result.rows[1].local.address), "aaaa:aaaa:bbbb:bbbb:c00::");
    EXPECT_EQ(format_numeric(result.rows[1].remote.address), "dddd:dddd:e00::");
}
