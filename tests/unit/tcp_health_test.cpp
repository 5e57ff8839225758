// SPDX-License-Identifier: MIT
// Tests for per-connection TCP health: tcp_info decoding by length, percentiles, the summary's
// health block and the socket records' tcp_info.
#include "netstat_audit/model/tcp_health.hpp"

#include "netstat_audit/report/json_sockets.hpp"
#include "netstat_audit/report/json_summary.hpp"
#include "netstat_audit/source/netlink_sockets.hpp"
#include "netstat_audit/view/summary.hpp"
#include "netstat_audit/view/summary_view.hpp"
#include "tcp_health_rows.hpp"

#include <gtest/gtest.h>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/tcp.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

using namespace netstat_audit;
using netstat_audit::test_support::established_with_health;

namespace {

tcp_info sample_info() {
    tcp_info info{};
    info.tcpi_retransmits = 2;
    info.tcpi_rtt = 12500;
    info.tcpi_rttvar = 3000;
    info.tcpi_lost = 1;
    info.tcpi_snd_cwnd = 10;
    info.tcpi_total_retrans = 7;
    info.tcpi_segs_out = 700;
    info.tcpi_delivery_rate = 5'000'000'000ULL;
    return info;
}

std::vector<std::byte> first_bytes(const tcp_info& info, std::size_t size) {
    std::vector<std::byte> out(size);
    std::memcpy(out.data(), &info, std::min(size, sizeof info));
    return out;
}

} // namespace

TEST(DecodeTcpHealth, EveryFieldOfAFullTcpInfo) {
    const auto health = decode_tcp_health(first_bytes(sample_info(), sizeof(tcp_info)));
    ASSERT_TRUE(health);
    EXPECT_EQ(health->retransmits, 2);
    EXPECT_EQ(health->rtt_us, 12500u);
    EXPECT_EQ(health->rttvar_us, 3000u);
    EXPECT_EQ(health->lost, 1u);
    EXPECT_EQ(health->snd_cwnd, 10u);
    EXPECT_EQ(health->total_retrans, 7u);
    ASSERT_TRUE(health->has_segs_out);
    EXPECT_EQ(health->segs_out, 700u);
    ASSERT_TRUE(health->has_delivery_rate);
    EXPECT_EQ(health->delivery_rate_bytes_per_second, 5'000'000'000ULL);
}

TEST(DecodeTcpHealth, OldKernelsShorterStructHasNoLaterFields) {
    // A 2.6-era tcp_info ends with tcpi_total_retrans: segs_out and delivery_rate are absent.
    const std::size_t old_size = offsetof(tcp_info, tcpi_total_retrans) + 4;
    const auto health = decode_tcp_health(first_bytes(sample_info(), old_size));
    ASSERT_TRUE(health);
    EXPECT_EQ(health->total_retrans, 7u);
    EXPECT_FALSE(health->has_segs_out);
    EXPECT_FALSE(health->has_delivery_rate);
    EXPECT_FALSE(decode_tcp_health(first_bytes(sample_info(), old_size - 1)));
}

TEST(DecodeTcpHealth, InetDiagInfoAttributeFillsTheRow) {
    inet_diag_msg m{};
    m.idiag_family = AF_INET;
    m.idiag_state = 1;
    const tcp_info info = sample_info();
    constexpr std::size_t k_header = sizeof(nlattr); // NLA_HDRLEN
    std::vector<std::byte> bytes(sizeof m + k_header + sizeof info);
    std::memcpy(bytes.data(), &m, sizeof m);
    nlattr header{static_cast<std::uint16_t>(k_header + sizeof info), INET_DIAG_INFO};
    std::memcpy(bytes.data() + sizeof m, &header, sizeof header);
    std::memcpy(bytes.data() + sizeof m + k_header, &info, sizeof info);
    const auto s =
        decode_inet_diag(bytes, {InetProtocol::tcp, IpVersion::v4, k_diag_all_states, true});
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->health);
    EXPECT_EQ(s->health->rtt_us, 12500u);
    EXPECT_EQ(s->retransmits, 2u);
    // Without the attribute (a dump that did not ask, or /proc text): no health at all.
    EXPECT_FALSE(decode_inet_diag(std::span(bytes).first(sizeof m), {InetProtocol::tcp})->health);
}

TEST(NearestRank, PercentilesOfSmallSets) {
    std::vector<std::uint32_t> none;
    EXPECT_EQ(nearest_rank_ms(none, 0.95), 0.0);
    std::vector<std::uint32_t> one{4000};
    EXPECT_EQ(nearest_rank_ms(one, 0.5), 4.0);
    std::vector<std::uint32_t> twenty;
    for (std::uint32_t i = 20; i >= 1; --i)
        twenty.push_back(i * 1000);
    EXPECT_EQ(nearest_rank_ms(twenty, 0.5), 10.0);
    EXPECT_EQ(nearest_rank_ms(twenty, 0.95), 19.0);
    std::vector<std::uint32_t> with_outlier{1000, 1000, 1000, 900000};
    EXPECT_EQ(nearest_rank_ms(with_outlier, 0.95), 900.0);
}

TEST(HealthSamples, RetransShareCountsOnlyConnectionsReportingSegsOut) {
    HealthSamples samples;
    TcpHealth a;
    a.rtt_us = 1000;
    a.total_retrans = 5;
    a.segs_out = 100;
    a.has_segs_out = true;
    TcpHealth b;
    b.rtt_us = 3000;
    b.total_retrans = 50; // an old kernel: no segs_out, left out of the share
    samples.add(a);
    samples.add(b);
    const HealthGroup g = samples.summarise("x");
    EXPECT_EQ(g.connections, 2);
    EXPECT_EQ(g.total_retrans, 55u);
    ASSERT_TRUE(g.retrans_share);
    EXPECT_DOUBLE_EQ(*g.retrans_share, 0.05);
    EXPECT_FALSE(HealthSamples{}.summarise("empty").retrans_share);
}

TEST(SummaryHealth, PerPeerAndPerListeningService) {
    SocketTables tables;
    FileTable<InetSocket> tcp;
    tcp.relative = "net/tcp";
    InetSocket listener;
    listener.local = {make_ipv4(0, 0, 0, 0), 443};
    listener.state = tcp_state::k_listen;
    tcp.parsed.rows = {
        listener, established_with_health(7, 443, 2000, 0, 100),
        established_with_health(7, 443, 80000, 10, 100),
        established_with_health(8, 443, 1000, 0, 50),
        established_with_health(9, 51000, 5000, 1, 10)}; // outgoing: no local service
    tables.tcp.push_back(tcp);
    Summary s = build_summary(tables, {}, 10);
    s.health.source.available = true;
    EXPECT_EQ(s.health.all.connections, 4);
    ASSERT_EQ(s.health.peers.size(), 3u);
    EXPECT_EQ(s.health.peers[0].key, "192.0.2.7"); // worst p95 first
    EXPECT_EQ(s.health.peers[0].rtt_p95_ms, 80.0);
    EXPECT_EQ(s.health.peers[0].rtt_p50_ms, 2.0);
    EXPECT_DOUBLE_EQ(*s.health.peers[0].retrans_share, 0.05);
    ASSERT_EQ(s.health.services.size(), 1u);
    EXPECT_EQ(s.health.services[0].key, "443");
    EXPECT_EQ(s.health.services[0].connections, 3);
    const std::string text = render_summary_text(s);
    EXPECT_NE(text.find("TCP health of established connections (tcp_info): 4\n"), std::string::npos)
        << text;
    EXPECT_NE(text.find("      2    2.000   80.000    5.00%  192.0.2.7\n"), std::string::npos)
        << text;
    const auto doc = nlohmann::json::parse(render_summary_json(s));
    EXPECT_EQ(doc["tcp_health"]["available"], true);
    EXPECT_EQ(doc["tcp_health"]["services"][0]["key"], "443");
}

TEST(SummaryHealth, ProcTextSaysNotAvailable) {
    const Summary s = build_summary(SocketTables{}, {}, 10);
    EXPECT_NE(render_summary_text(s).find("not available from /proc text"), std::string::npos);
    const auto doc = nlohmann::json::parse(render_summary_json(s));
    EXPECT_EQ(doc["tcp_health"]["available"], false);
    EXPECT_FALSE(doc["tcp_health"].contains("established"));
}

TEST(SocketRecordHealth, TcpInfoOnlyWhenTheRowHasIt) {
    InetSocket row = established_with_health(7, 443, 2000, 3, 100);
    const Json with = to_json(row, {});
    EXPECT_EQ(with["netstat_audit"]["socket"]["tcp_info"]["rtt_us"], 2000);
    EXPECT_EQ(with["netstat_audit"]["socket"]["tcp_info"]["total_retrans"], 3);
    EXPECT_FALSE(
        with["netstat_audit"]["socket"]["tcp_info"].contains("delivery_rate_bytes_per_second"));
    row.health.reset();
    EXPECT_FALSE(to_json(row, {})["netstat_audit"]["socket"].contains("tcp_info"));
}
