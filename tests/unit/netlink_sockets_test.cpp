// SPDX-License-Identifier: MIT
// Tests for decoding inet_diag replies into /proc-equivalent rows.
#include "netstat_audit/source/netlink_sockets.hpp"

#include "options_for.hpp"

#include <gtest/gtest.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <netinet/in.h>

#include <cstring>
#include <vector>

using namespace netstat_audit;

namespace {

inet_diag_msg message_for(std::uint8_t family, std::uint8_t state) {
    inet_diag_msg m{};
    m.idiag_family = family;
    m.idiag_state = state;
    m.id.idiag_sport = htons(22);
    m.id.idiag_dport = htons(51000);
    m.id.idiag_src[0] = htonl(0xC6336410); // 198.51.100.16
    m.id.idiag_dst[0] = htonl(0xCB00710A); // 203.0.113.10
    m.idiag_rqueue = 5;
    m.idiag_wqueue = 500;
    m.idiag_uid = 1000;
    m.idiag_inode = 4000000000U;
    return m;
}

std::vector<std::byte> bytes_of(const inet_diag_msg& m,
                                std::span<const std::byte> attributes = {}) {
    std::vector<std::byte> out(sizeof m + attributes.size());
    std::memcpy(out.data(), &m, sizeof m);
    for (std::size_t i = 0; i < attributes.size(); ++i)
        out[sizeof m + i] = attributes[i];
    return out;
}

// An INET_DIAG_INFO attribute holding tcp_info's first bytes.
std::vector<std::byte> tcp_info_attribute(std::uint8_t retransmits, std::uint8_t probes) {
    std::vector<std::byte> out(8);
    nlattr header{8, INET_DIAG_INFO};
    std::memcpy(out.data(), &header, sizeof header);
    out[6] = std::byte{retransmits};
    out[7] = std::byte{probes};
    return out;
}

} // namespace

TEST(DecodeInetDiag, EstablishedTcpEveryField) {
    inet_diag_msg m = message_for(AF_INET, 1);
    m.idiag_timer = 1;
    m.idiag_expires = 1234; // ms
    m.idiag_retrans = 2;
    auto s = decode_inet_diag(bytes_of(m), {InetProtocol::tcp, IpVersion::v4});
    ASSERT_TRUE(s);
    EXPECT_EQ(format_numeric(s->local.address), "198.51.100.16");
    EXPECT_EQ(s->local.port, 22);
    EXPECT_EQ(format_numeric(s->remote.address), "203.0.113.10");
    EXPECT_EQ(s->remote.port, 51000);
    EXPECT_EQ(s->state, 1u);
    EXPECT_EQ(s->rx_queue_bytes, 5u);
    EXPECT_EQ(s->tx_queue_bytes, 500u);
    EXPECT_EQ(s->timer_kind, 1u);
    EXPECT_EQ(s->timer_jiffies, 123u); // USER_HZ ticks, rounded down like /proc
    EXPECT_EQ(s->retransmits, 2u);
    EXPECT_EQ(s->uid, 1000);
    EXPECT_EQ(s->inode, 4000000000U);
    EXPECT_EQ(s->file_version, IpVersion::v4);
}

TEST(DecodeInetDiag, ListenerSendQueueIsZeroAsInProc) {
    auto s = decode_inet_diag(bytes_of(message_for(AF_INET, 10)), {InetProtocol::tcp});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->rx_queue_bytes, 5u); // accept backlog
    EXPECT_EQ(s->tx_queue_bytes, 0u); // not the backlog limit
}

TEST(DecodeInetDiag, UdpKeepsSendQueue) {
    auto s = decode_inet_diag(bytes_of(message_for(AF_INET, 10)), {InetProtocol::udp});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->tx_queue_bytes, 500u);
}

TEST(DecodeInetDiag, RawRemotePortIsZero) {
    auto s = decode_inet_diag(bytes_of(message_for(AF_INET, 7)), {InetProtocol::raw});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->remote.port, 0);
    EXPECT_EQ(s->local.port, 22); // the protocol number
}

TEST(DecodeInetDiag, TimerOffHasNoExpiry) {
    inet_diag_msg m = message_for(AF_INET, 1);
    m.idiag_expires = 999;
    auto s = decode_inet_diag(bytes_of(m), {InetProtocol::tcp});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->timer_jiffies, 0u);
}

TEST(DecodeInetDiag, V4MappedIpv6Address) {
    inet_diag_msg m = message_for(AF_INET6, 1);
    const std::uint8_t mapped[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 127, 0, 0, 1};
    std::memcpy(m.id.idiag_src, mapped, sizeof mapped);
    auto s = decode_inet_diag(bytes_of(m), {InetProtocol::tcp, IpVersion::v6});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->file_version, IpVersion::v6);
    EXPECT_EQ(s->local.address.version, IpVersion::v6);
    EXPECT_EQ(format_numeric(s->local.address), "::ffff:127.0.0.1");
}

TEST(DecodeInetDiag, TcpInfoGivesRetransmitsAndProbes) {
    inet_diag_msg m = message_for(AF_INET, 1);
    m.idiag_retrans = 9;
    auto info = tcp_info_attribute(3, 4);
    auto s = decode_inet_diag(bytes_of(m, info),
                              {InetProtocol::tcp, IpVersion::v4, k_diag_all_states, true});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->retransmits, 3u);
    EXPECT_EQ(s->timeout, 4);
}

TEST(DecodeInetDiag, MalformedAttributeIsIgnored) {
    std::vector<std::byte> bad(4, std::byte{0xff}); // nla_len beyond the message
    auto s = decode_inet_diag(bytes_of(message_for(AF_INET, 1), bad), {InetProtocol::tcp});
    ASSERT_TRUE(s);
    EXPECT_EQ(s->timeout, 0);
}

TEST(DecodeInetDiag, TruncatedMessageIsRejected) {
    auto bytes = bytes_of(message_for(AF_INET, 1));
    bytes.resize(bytes.size() - 1);
    EXPECT_FALSE(decode_inet_diag(bytes, {InetProtocol::tcp}));
}

TEST(UseNetlinkSource, OnlyForTheLiveProcRoot) {
    using test_support::options_for;
    const ProcFs live("/proc");
    EXPECT_TRUE(use_netlink_source(options_for({"-t", "--source", "netlink"}), live));
    EXPECT_FALSE(use_netlink_source(options_for({"-t", "--source", "proc"}), live));
    EXPECT_FALSE(use_netlink_source(options_for({"--source=netlink", "--proc-root=/proc"}), live));
    EXPECT_FALSE(use_netlink_source(options_for({"--source=netlink"}), ProcFs("/captures/proc")));
    EXPECT_FALSE(use_netlink_source(options_for({"-t"}), ProcFs("/captures/proc")));
}
