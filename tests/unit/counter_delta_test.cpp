// SPDX-License-Identifier: MIT
// Tests for the counter difference every rate is built on: resets are never negative rates.
#include "netstat_audit/model/counter_delta.hpp"

#include <gtest/gtest.h>

#include <vector>

using namespace netstat_audit;

namespace {
std::vector<CounterGroup> tcp_counters(std::int64_t out_segs, std::int64_t retrans) {
    return {CounterGroup{"Ip", {{"Forwarding", 1}}},
            CounterGroup{"Tcp", {{"OutSegs", out_segs}, {"RetransSegs", retrans}}}};
}
} // namespace

TEST(CounterDelta, FindsTheFirstCounterOfTheFirstGroup) {
    std::vector<CounterGroup> groups = tcp_counters(10, 2);
    groups.push_back(CounterGroup{"Tcp", {{"OutSegs", 99}}});
    EXPECT_EQ(find_counter(groups, "Tcp", "OutSegs"), 10u);
    EXPECT_EQ(find_counter(groups, "Tcp", "Missing"), std::nullopt);
    EXPECT_EQ(find_counter(groups, "Udp", "OutSegs"), std::nullopt);
}

TEST(CounterDelta, DifferenceOnTheSameBoot) {
    const CounterDelta d =
        counter_delta(tcp_counters(1000, 5), tcp_counters(3000, 25), "Tcp", "RetransSegs", true);
    EXPECT_EQ(d.status, DeltaStatus::ok);
    EXPECT_EQ(d.value, 20u);
    const CounterDelta out =
        counter_delta(tcp_counters(1000, 5), tcp_counters(3000, 25), "Tcp", "OutSegs", true);
    ASSERT_TRUE(delta_ratio(d, out).has_value());
    EXPECT_DOUBLE_EQ(*delta_ratio(d, out), 0.01);
}

TEST(CounterDelta, BackwardsOrOtherBootIsAResetNotANegativeRate) {
    EXPECT_EQ(
        counter_delta(tcp_counters(3000, 25), tcp_counters(100, 1), "Tcp", "RetransSegs", true)
            .status,
        DeltaStatus::reset);
    EXPECT_EQ(
        counter_delta(tcp_counters(100, 1), tcp_counters(3000, 25), "Tcp", "RetransSegs", false)
            .status,
        DeltaStatus::reset);
    // The full 64-bit pattern: -1 is the largest counter, and going from it to 0 is a reset.
    EXPECT_EQ(counter_delta(tcp_counters(-1, 0), tcp_counters(0, 0), "Tcp", "OutSegs", true).status,
              DeltaStatus::reset);
    EXPECT_EQ(counter_delta(tcp_counters(0, 0), tcp_counters(-1, 0), "Tcp", "OutSegs", true).value,
              UINT64_MAX);
}

TEST(CounterDelta, RatioNeedsTwoGoodDeltasAndTraffic) {
    const CounterDelta zero{DeltaStatus::ok, 0};
    const CounterDelta one{DeltaStatus::ok, 1};
    EXPECT_EQ(delta_ratio(one, zero), std::nullopt);
    EXPECT_EQ(delta_ratio(CounterDelta{DeltaStatus::reset, 0}, one), std::nullopt);
    EXPECT_EQ(delta_ratio(one, CounterDelta{}), std::nullopt);
    EXPECT_EQ(counter_delta(tcp_counters(1, 1), {}, "Tcp", "OutSegs", true).status,
              DeltaStatus::missing);
    EXPECT_DOUBLE_EQ(*delta_ratio(zero, one), 0.0);
}

TEST(CounterDelta, SameBootNeedsEqualBootIds) {
    EXPECT_TRUE(same_boot("4b1c", "4b1c"));
    EXPECT_FALSE(same_boot("4b1c", "0d6f"));
    EXPECT_FALSE(same_boot("", "0d6f"));
    EXPECT_TRUE(same_boot("", ""));
}

TEST(CounterDelta, PerSecondOnlyForAnOkDeltaAndPositiveTime) {
    EXPECT_EQ(delta_per_second({DeltaStatus::ok, 30}, 2.0), 15.0);
    EXPECT_EQ(delta_per_second({DeltaStatus::ok, 30}, 0.0), std::nullopt);
    EXPECT_EQ(delta_per_second({DeltaStatus::reset, 0}, 2.0), std::nullopt);
    EXPECT_EQ(delta_per_second({DeltaStatus::ok, 30}, -1.0), std::nullopt);
}
