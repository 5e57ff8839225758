// SPDX-License-Identifier: MIT
// Tests for the health checks' inputs: softnet and limits parsing, the comparison of two
// samples (resets are never rates), the state file round trip, threshold lines.
#include "netstat_audit/audit/baseline.hpp"
#include "netstat_audit/audit/health.hpp"
#include "netstat_audit/source/health_collect.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {
HealthSample sample(std::string boot, std::int64_t time_s, std::int64_t out, std::int64_t re) {
    HealthSample s;
    s.boot_id = std::move(boot);
    s.time_unix_ns = time_s * 1'000'000'000;
    s.counters = {CounterGroup{"Tcp", {{"OutSegs", out}, {"RetransSegs", re}}}};
    return s;
}
} // namespace

TEST(ParseSoftnetStat, SumsProcessedDroppedSqueezedOverCpus) {
    const CounterGroup g = parse_softnet_stat(
        "0005d75e 00000002 00000010 00000000 00000000 00000000 00000000 00000000 00000000\n"
        "00000001 00000003 00000001 00000000\n"
        "bogus\n");
    ASSERT_EQ(g.name, "Softnet");
    EXPECT_EQ(find_counter(std::span(&g, 1), "Softnet", "processed"), 0x5d75fu);
    EXPECT_EQ(find_counter(std::span(&g, 1), "Softnet", "dropped"), 5u);
    EXPECT_EQ(find_counter(std::span(&g, 1), "Softnet", "time_squeeze"), 17u);
}

TEST(HealthInputs, DeltaBetweenSamplesAndTotalsWithout) {
    const HealthSample before = sample("b1", 100, 1000, 10), after = sample("b1", 110, 3000, 30);
    HealthInputs h;
    h.now = &after;
    EXPECT_EQ(h.delta("Tcp", "OutSegs").value, 3000u); // totals since boot
    EXPECT_EQ(h.basis_text(), "totals since boot");
    h.before = &before;
    h.basis = RateBasis::interval;
    EXPECT_EQ(h.delta("Tcp", "OutSegs").value, 2000u);
    EXPECT_EQ(h.seconds(), 10.0);
    EXPECT_EQ(h.basis_text(), "over 10.0 s");
    EXPECT_EQ(h.change_text(h.delta("Tcp", "RetransSegs")), "+20");
    EXPECT_EQ(h.delta("Udp", "InErrors").status, DeltaStatus::missing);
}

TEST(HealthInputs, BackwardsCounterIsAResetNotARate) {
    const HealthSample before = sample("b1", 100, 5000, 50), after = sample("b1", 110, 3000, 60);
    HealthInputs h;
    h.now = &after;
    h.before = &before;
    EXPECT_EQ(h.delta("Tcp", "OutSegs").status, DeltaStatus::reset);
    EXPECT_EQ(delta_ratio(h.delta("Tcp", "RetransSegs"), h.delta("Tcp", "OutSegs")), std::nullopt);
    EXPECT_EQ(h.change_text(h.delta("Tcp", "OutSegs")), "reset");
}

TEST(HealthInputs, DurationText) {
    EXPECT_EQ(duration_text(2.04), "2.0 s");
    EXPECT_EQ(duration_text(300), "5 min");
    EXPECT_EQ(duration_text(3 * 3600), "3 h");
    EXPECT_EQ(duration_text(12 * 86400), "12 days");
}

TEST(HealthState, RoundTripKeepsBootTimeCountersAndQueues) {
    HealthSample s = sample("4b1c", 1764590000, -1, 7); // MaxConn-like -1 survives as 2^64-1
    s.counters.push_back({"dev:eth0", {{"rx_packets", 12}}});
    s.queued.push_back({"tcp6",
                        {IpAddress{IpVersion::v6, {}}, 22},
                        {make_ipv4(10, 0, 0, 1), 4000},
                        70000,
                        0,
                        123});
    auto parsed = parse_health_state(render_health_state(s));
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->boot_id, "4b1c");
    EXPECT_EQ(parsed->time_unix_ns, s.time_unix_ns);
    EXPECT_EQ(find_counter(parsed->counters, "Tcp", "OutSegs"), UINT64_MAX);
    EXPECT_EQ(find_counter(parsed->counters, "dev:eth0", "rx_packets"), 12u);
    ASSERT_EQ(parsed->queued.size(), 1u);
    EXPECT_EQ(parsed->queued[0].remote.address, make_ipv4(10, 0, 0, 1));
    EXPECT_EQ(parsed->queued[0].rx_queue_bytes, 70000u);
}

TEST(HealthState, RejectsOtherDocuments) {
    EXPECT_FALSE(parse_health_state("garbage"));
    EXPECT_FALSE(parse_health_state("{\"format\": \"other\", \"version\": 1}"));
    EXPECT_FALSE(parse_health_state(
        "{\"format\": \"netstat-audit-state\", \"version\": 1, \"boot_id\": 3}"));
}

TEST(Thresholds, DefaultsAndOverridesFromThePolicyFile) {
    auto policy = parse_baseline("threshold fd-exhaustion.percent 90  # busy proxy\n", "p");
    ASSERT_TRUE(policy);
    EXPECT_FALSE(policy->listeners_recorded);
    Thresholds t;
    t.overrides = policy->thresholds;
    EXPECT_EQ(t["fd-exhaustion.percent"], 90);
    EXPECT_EQ(t["conntrack-table-full.percent"], 80);
    EXPECT_EQ(t["tcp-retransmission-rate.warning-percent"], 1);
    auto unknown = parse_baseline("threshold nope 1\n", "p");
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().field, "name");
    EXPECT_FALSE(parse_baseline("threshold fd-exhaustion.percent -3\n", "p"));
    EXPECT_FALSE(parse_baseline("threshold fd-exhaustion.percent\n", "p"));
    auto none = parse_baseline("listen none\n", "p");
    ASSERT_TRUE(none);
    EXPECT_TRUE(none->listeners_recorded);
    EXPECT_TRUE(none->listeners.empty());
}

TEST(Thresholds, EveryDefaultHasAReason) {
    for (const ThresholdSpec& spec : health_thresholds()) {
        EXPECT_FALSE(spec.reason.empty()) << spec.name;
        EXPECT_EQ(find_threshold(spec.name), &spec);
    }
}

namespace {
InetSocket socket_row(std::uint64_t inode, std::uint16_t port) {
    InetSocket s;
    s.inode = inode;
    s.local = {make_ipv4(0, 0, 0, 0), port};
    s.state = 10;
    return s;
}
} // namespace

TEST(FindHiddenSockets, OnlyWhatOneSideShowsTwiceAndTheOtherNever) {
    const SocketRead both{{"tcp", socket_row(1, 22)}};
    SocketRead proc_first = both, netlink_first = both, netlink_second = both;
    netlink_first.emplace_back("tcp", socket_row(2, 4444)); // hidden from /proc
    netlink_second.emplace_back("tcp", socket_row(2, 4444));
    proc_first.emplace_back("udp", socket_row(3, 5353)); // opened and closed between reads: a race
    netlink_second.emplace_back("udp", socket_row(3, 5353));
    netlink_first.emplace_back("tcp", socket_row(0, 80)); // TIME_WAIT: no inode, never judged
    netlink_second.emplace_back("tcp", socket_row(0, 80));
    const auto hidden = find_hidden_sockets({proc_first, both}, {netlink_first, netlink_second});
    ASSERT_EQ(hidden.size(), 1u);
    EXPECT_EQ(hidden[0].inode, 2u);
    EXPECT_EQ(hidden[0].local.port, 4444);
    EXPECT_EQ(hidden[0].hidden_from, HiddenFrom::proc);

    SocketRead proc_more = both;
    proc_more.emplace_back("udp6", socket_row(4, 123)); // hidden from netlink
    const auto reverse = find_hidden_sockets({proc_more, proc_more}, {both, both});
    ASSERT_EQ(reverse.size(), 1u);
    EXPECT_EQ(reverse[0].protocol, "udp6");
    EXPECT_EQ(reverse[0].hidden_from, HiddenFrom::netlink);
    EXPECT_TRUE(find_hidden_sockets({both, both}, {both, both}).empty());
}
