// SPDX-License-Identifier: MIT
// Tests for the /proc/net/sctp/{eps,assocs} parsers.
#include "netstat_audit/parse/sctp_sockets.hpp"

#include <gtest/gtest.h>

#include <string>

using namespace netstat_audit;

namespace {

constexpr std::string_view k_eps_header =
    " ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS\n";
constexpr std::string_view k_eps_row = "ffff888003b1c000 ffff888004f2a000 2   10  39   5000   1000 "
                                       "12345 198.51.100.10 203.0.113.1 \n";
constexpr std::string_view k_assocs_header =
    " ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS "
    "<-> RADDRS HBINT INS OUTS MAXRT T1X T2X RTXC wmema wmemq sndbuf rcvbuf\n";
constexpr std::string_view k_assocs_row =
    "ffff888003b1d000 ffff888004f2b000 2   1   4  1541  1        7        9     0 23456  5000 "
    "40000  198.51.100.10 203.0.113.1 <-> *203.0.113.5 203.0.113.6 \t    7500    10    10   10  "
    "  0    0        0        1        0   212992   212992\n";

std::vector<std::string> numeric(const std::vector<IpAddress>& addresses) {
    std::vector<std::string> texts;
    for (const IpAddress& address : addresses)
        texts.push_back(format_numeric(address));
    return texts;
}

using Texts = std::vector<std::string>;

} // namespace

TEST(ParseSctpEndpoints, HeaderOnlyFileHasNoRows) {
    auto result = parse_sctp_endpoints(k_eps_header, "net/sctp/eps");
    EXPECT_TRUE(result.rows.empty());
    EXPECT_TRUE(result.diagnostics.empty());
}

TEST(ParseSctpEndpoints, FullRowEveryField) {
    auto result =
        parse_sctp_endpoints(std::string(k_eps_header) + std::string(k_eps_row), "net/sctp/eps");
    ASSERT_EQ(result.rows.size(), 1u);
    const SctpEndpoint& e = result.rows[0];
    EXPECT_EQ(e.state, 10);
    EXPECT_EQ(e.port, 5000);
    EXPECT_EQ(e.uid, 1000);
    EXPECT_EQ(e.inode, 12345u);
    EXPECT_EQ(numeric(e.local_addresses), (Texts{"198.51.100.10", "203.0.113.1"}));
}

TEST(ParseSctpEndpoints, BogusRowBetweenTwoGoodOnes) {
    std::string text = std::string(k_eps_header) + std::string(k_eps_row) + "a b c d e f g\n" +
                       std::string(k_eps_row);
    auto result = parse_sctp_endpoints(text, "net/sctp/eps");
    EXPECT_EQ(result.rows.size(), 2u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].file, "net/sctp/eps");
    EXPECT_EQ(result.diagnostics[0].line, 3u);
    EXPECT_EQ(result.diagnostics[0].reason, "bogus");
}

TEST(ParseSctpEndpoints, EmptyLineIsBogus) {
    auto result = parse_sctp_endpoints(std::string(k_eps_header) + "\n", "net/sctp/eps");
    EXPECT_TRUE(result.rows.empty());
    EXPECT_EQ(result.diagnostics.size(), 1u);
}

TEST(ParseSctpEndpoints, NoTrailingNewline) {
    auto result = parse_sctp_endpoints(std::string(k_eps_header) + "a b 2 1 39 2 0 7 1.2.3.4",
                                       "net/sctp/eps");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(numeric(result.rows[0].local_addresses), (Texts{"1.2.3.4"}));
}

TEST(ParseSctpEndpoints, EightFieldsIsARowWithoutAddresses) {
    auto result = parse_sctp_endpoints(std::string(k_eps_header) + "a b 2 12 39 22 1000 0x10\n",
                                       "net/sctp/eps");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].inode, 16u);
    EXPECT_TRUE(result.rows[0].local_addresses.empty());
}

TEST(ParseSctpEndpoints, AtoiAndStrtoulConversions) {
    auto result = parse_sctp_endpoints(std::string(k_eps_header) + "a b 2 -1 39 70000 abc 010 \n" +
                                           "a b 2 x 39 65536 4294967295 18446744073709551615\n" +
                                           "a b 2 1 39 2 0 -1\n",
                                       "net/sctp/eps");
    ASSERT_EQ(result.rows.size(), 3u);
    EXPECT_EQ(result.rows[0].state, -1);
    EXPECT_EQ(result.rows[0].port, 4464); // 70000 & 0xFFFF, as htons() keeps it
    EXPECT_EQ(result.rows[0].uid, 0);     // atoi("abc")
    EXPECT_EQ(result.rows[0].inode, 8u);  // "010" is octal for strtoul(..., 0)
    EXPECT_EQ(result.rows[1].state, 0);
    EXPECT_EQ(result.rows[1].port, 0);
    EXPECT_EQ(result.rows[1].uid, -1);
    EXPECT_EQ(result.rows[1].inode, 18446744073709551615u);
    EXPECT_EQ(result.rows[2].inode, 18446744073709551615u); // "-1" wraps
}

TEST(ParseSctpEndpoints, AddressListEndsAtTab) {
    auto result = parse_sctp_endpoints(std::string(k_eps_header) +
                                           "a b 2 7 39 1 0 9 203.0.113.9 junk 1.2\t1.1.1.1\n",
                                       "net/sctp/eps");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(numeric(result.rows[0].local_addresses),
              (Texts{"203.0.113.9", "255.255.255.255", "1.0.0.2"}));
}

TEST(ParseSctpEndpoints, StarIsNotDroppedInEndpoints) {
    auto result =
        parse_sctp_endpoints(std::string(k_eps_header) + "a b 2 7 39 1 0 9 *1.1.1.1\n", "x");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(numeric(result.rows[0].local_addresses), (Texts{"255.255.255.255"}));
}

TEST(ParseSctpEndpoints, LongLineSplitsIntoFgetsChunks) {
    // A 9000-byte line arrives as two fgets() chunks; the second one is bogus.
    std::string row = "a b 2 10 39 5000 0 1 " + std::string(8900, ' ') + "1.1.1.1\n";
    auto result = parse_sctp_endpoints(std::string(k_eps_header) + row, "net/sctp/eps");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.diagnostics.size(), 1u);
}

TEST(ParseSctpAddress, Ipv6GroupsAndFallbacks) {
    EXPECT_EQ(format_numeric(parse_sctp_address("2001:0db8:0000:0000:0000:0000:0000:0010")),
              "2001:db8::10");
    EXPECT_EQ(format_numeric(parse_sctp_address("0000:0000:0000:0000:0000:ffff:cb00:7105")),
              "::ffff:203.0.113.5");
    // Groups sscanf() does not reach stay 0.
    EXPECT_EQ(format_numeric(parse_sctp_address("2001:db8::1")), "2001:db8::");
    EXPECT_EQ(parse_sctp_address("2001:db8::1").version, IpVersion::v6);
    EXPECT_EQ(format_numeric(parse_sctp_address("0.0.0.0")), "0.0.0.0");
    EXPECT_EQ(format_numeric(parse_sctp_address("0x7f.1")), "127.0.0.1");
}

TEST(ParseSctpAssociations, FullRowEveryField) {
    auto result = parse_sctp_associations(std::string(k_assocs_header) + std::string(k_assocs_row),
                                          "net/sctp/assocs");
    ASSERT_EQ(result.rows.size(), 1u);
    const SctpAssociation& a = result.rows[0];
    EXPECT_EQ(a.state, 1);
    EXPECT_EQ(a.tx_queue_bytes, 7u);
    EXPECT_EQ(a.rx_queue_bytes, 9u);
    EXPECT_EQ(a.uid, 0);
    EXPECT_EQ(a.inode, 23456u);
    EXPECT_EQ(a.local_port, 5000);
    EXPECT_EQ(a.remote_port, 40000);
    EXPECT_EQ(numeric(a.local_addresses), (Texts{"198.51.100.10", "203.0.113.1"}));
    EXPECT_EQ(numeric(a.remote_addresses), (Texts{"203.0.113.5", "203.0.113.6"}));
}

TEST(ParseSctpAssociations, BogusRowBetweenTwoGoodOnes) {
    std::string text = std::string(k_assocs_header) + std::string(k_assocs_row) +
                       "a b c d e f g h i j k l\n" + std::string(k_assocs_row);
    auto result = parse_sctp_associations(text, "net/sctp/assocs");
    EXPECT_EQ(result.rows.size(), 2u);
    ASSERT_EQ(result.diagnostics.size(), 1u);
    EXPECT_EQ(result.diagnostics[0].line, 3u);
}

TEST(ParseSctpAssociations, QueuesWrapLikeAtoiIntoUnsigned) {
    auto result =
        parse_sctp_associations(std::string(k_assocs_header) +
                                    "a b 2 1 4 1 1 -1 4294967296 1000 77 22 80 1.1.1.1 <-> 2.2.2.2",
                                "x");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_EQ(result.rows[0].tx_queue_bytes, 4294967295u);
    EXPECT_EQ(result.rows[0].rx_queue_bytes, 0u);
}

TEST(ParseSctpAssociations, ListsAreCutAtArrowCharacters) {
    auto result = parse_sctp_associations(
        std::string(k_assocs_header) +
            "a b 2 8 4 1 1 1 2 1000 77 22 80 1.1.1.1 <-> 2.2.2.2 <-> 3.3.3.3\t1\n" +
            "a b 2 8 4 1 1 1 2 1000 77 22 80 1.1.1.1-2.2.2.2 <> 3.3.3.3\n" +
            "a b 2 8 4 1 1 1 2 1000 77 22 80 1.1.1.1 <-> \n" +
            "a b 2 8 4 1 1 1 2 1000 77 22 80 *1.1.1.1 *5.5.5.5 <-> 2.2.2.2\n",
        "x");
    ASSERT_EQ(result.rows.size(), 4u);
    EXPECT_EQ(numeric(result.rows[0].remote_addresses), (Texts{"2.2.2.2"}));
    EXPECT_EQ(numeric(result.rows[1].local_addresses), (Texts{"1.1.1.1"}));
    EXPECT_EQ(numeric(result.rows[1].remote_addresses), (Texts{"2.2.2.2"}));
    EXPECT_TRUE(result.rows[2].remote_addresses.empty());
    EXPECT_EQ(numeric(result.rows[3].local_addresses), (Texts{"1.1.1.1", "5.5.5.5"}));
}

TEST(ParseSctpAssociations, MissingListsAreEmpty) {
    // netstat dereferences an uninitialised pointer here; netstat-audit prints no address.
    auto result =
        parse_sctp_associations(std::string(k_assocs_header) + "a b 2 8 4 1 1 1 2 1000 77 22 80\n" +
                                    "a b 2 8 4 1 1 1 2 1000 77 22 80 <-> 5.5.5.5\n",
                                "x");
    ASSERT_EQ(result.rows.size(), 2u);
    EXPECT_TRUE(result.rows[0].local_addresses.empty());
    EXPECT_TRUE(result.rows[0].remote_addresses.empty());
    EXPECT_EQ(numeric(result.rows[1].local_addresses), (Texts{"5.5.5.5"}));
    EXPECT_TRUE(result.rows[1].remote_addresses.empty());
}

TEST(ParseSctpAssociations, TextAfterNulIsInvisible) {
    std::string row = "a b 2 8 4 1 1 1 2 1000 77 22 80 1.1.1.1 <-> 2.2.2.2";
    row[row.size() - 8] = '\0';
    auto result = parse_sctp_associations(std::string(k_assocs_header) + row + "\n", "x");
    ASSERT_EQ(result.rows.size(), 1u);
    EXPECT_TRUE(result.rows[0].remote_addresses.empty());
}
