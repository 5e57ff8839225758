// SPDX-License-Identifier: MIT
// Tests for the routing table presenter.
#include "netstat_audit/view/routes_view.hpp"

#include <gtest/gtest.h>

using namespace netstat_audit;

namespace {

Ipv4Route route(std::uint32_t flags) {
    Ipv4Route r;
    r.interface_name = "averylongifname";
    r.destination = make_ipv4(10, 0, 0, 0);
    r.gateway = make_ipv4(0, 0, 0, 0);
    r.mask = make_ipv4(255, 0, 0, 0);
    r.flags = flags;
    r.metric = 100;
    r.use = 12345;
    r.mtu = 1400;
    r.window = 65535;
    r.irtt = 300;
    return r;
}

std::string row(const Ipv4Route& r, RouteLayout layout) {
    std::string out;
    render_ipv4_route(out, r, "an-extremely-long-host-name", "0.0.0.0", layout);
    return out;
}

} // namespace

TEST(RouteCarryOver, RowWithoutIrttShowsTheLastOneSeen) {
    RouteCarryOver carry_over;
    Ipv4Route missing = route(route_flag::k_up);
    missing.irtt = 0;
    missing.irtt_present = false;
    EXPECT_EQ(carry_over.apply(missing).irtt, 0); // nothing seen yet
    Ipv4Route down = route(0);                    // not printed, still scanned: its IRTT carries
    down.irtt = 42;
    EXPECT_EQ(carry_over.apply(down).irtt, 42);
    EXPECT_EQ(carry_over.apply(missing).irtt, 42);
    EXPECT_EQ(carry_over.apply(missing).irtt, 42);
    EXPECT_EQ(carry_over.apply(route(route_flag::k_up)).irtt, 300);
}

TEST(RouteLayout, ExtendCountCycles) {
    EXPECT_EQ(route_layout_for_extend(0), RouteLayout::mss);
    EXPECT_EQ(route_layout_for_extend(1), RouteLayout::metric);
    EXPECT_EQ(route_layout_for_extend(2), RouteLayout::full);
    EXPECT_EQ(route_layout_for_extend(3), RouteLayout::title_only);
    EXPECT_EQ(route_layout_for_extend(4), RouteLayout::metric);
}

TEST(Ipv4RouteFlags, RejectReplacesEarlierLetters) {
    EXPECT_EQ(ipv4_route_flags(0x0003), "UG");
    EXPECT_EQ(ipv4_route_flags(0x0201), "!");
    EXPECT_EQ(ipv4_route_flags(0x0175), "UHDMui");
}

TEST(RenderIpv4Route, EveryLayout) {
    EXPECT_EQ(row(route(1), RouteLayout::mss),
              "an-extremely-lo 0.0.0.0         255.0.0.0       U      1400 65535    300 "
              "averylongifname\n");
    EXPECT_EQ(row(route(1), RouteLayout::metric),
              "an-extremely-lo 0.0.0.0         255.0.0.0       U     100    0    12345 "
              "averylongifname\n");
    EXPECT_EQ(row(route(1), RouteLayout::full),
              "an-extremely-lo 0.0.0.0         255.0.0.0       U     100    0    12345 averyl   "
              "1400  65535  300\n");
    EXPECT_EQ(row(route(1), RouteLayout::title_only), "");
}

TEST(RenderIpv4Route, RejectRoutePrintsDashes) {
    EXPECT_EQ(row(route(0x201), RouteLayout::mss),
              "an-extremely-lo -               255.0.0.0       !         - -          - -\n");
    EXPECT_EQ(row(route(0x201), RouteLayout::metric),
              "an-extremely-lo -               255.0.0.0       !     100    -    12345 -\n");
    EXPECT_EQ(row(route(0x201), RouteLayout::full),
              "an-extremely-lo -               255.0.0.0       !     100    -    12345 -        -"
              "     -      -\n");
}

TEST(RenderIpv6Route, SignedMetricAndLongAddresses) {
    Ipv6Route r;
    r.prefix_length = 0;
    r.metric = 0xffffffff;
    r.refcnt = 1;
    r.flags = 0x00200200;
    r.device = "lo";
    std::string out;
    render_ipv6_route(out, r, "::", "::");
    EXPECT_EQ(out,
              "::/0                           ::                         !n   -1  1      0 lo\n");
    EXPECT_EQ(ipv6_route_flags(0x50003), "UGDA");
}

namespace {

Ipv6Route ipv6_route(std::uint8_t values_read, std::int32_t last_group, std::uint32_t metric) {
    Ipv6Route r;
    r.values_read = values_read;
    r.next_hop_groups = {0xfe80, 0, 0, 0, 0, 0, 0, last_group};
    for (std::size_t i = 0; i < 8; ++i)
        if (18 + i >= values_read)
            r.next_hop_groups[i] = -1;
    r.metric = values_read > 26 ? metric : 0;
    r.flags = values_read > 29 ? route_flag::k_up : 0;
    r.device = values_read > 30 ? "eth0" : "";
    return r;
}

} // namespace

TEST(Ipv6RouteCarryOver, ShortRowShowsThePreviousRowsTail) {
    Ipv6RouteCarryOver carry_over;
    // Before any full row the missing groups are unparsable: ::, numbers 0.
    Ipv6Route first = carry_over.apply(ipv6_route(23, 0, 0));
    EXPECT_EQ(format_numeric(first.next_hop), "::");
    EXPECT_EQ(first.flags, 0u);
    Ipv6Route full = carry_over.apply(ipv6_route(31, 7, 256));
    EXPECT_EQ(format_numeric(full.next_hop), "fe80::7");
    Ipv6Route shortened = carry_over.apply(ipv6_route(25, 0, 0));
    EXPECT_EQ(format_numeric(shortened.next_hop), "fe80::7"); // groups 7 and 8 carried
    EXPECT_EQ(shortened.metric, 256u);
    EXPECT_EQ(shortened.flags, route_flag::k_up);
    EXPECT_EQ(shortened.device, "eth0");
    EXPECT_EQ(shortened.values_read, 31u);
}

TEST(Ipv6RouteCarryOver, BadGroupOfTheRowItselfGivesUnspecified) {
    Ipv6RouteCarryOver carry_over;
    Ipv6Route bad = ipv6_route(31, -1, 1);
    EXPECT_EQ(format_numeric(carry_over.apply(bad).next_hop), "::");
    // The bad group carries too: a row that lacks it still prints ::.
    EXPECT_EQ(format_numeric(carry_over.apply(ipv6_route(25, 0, 0)).next_hop), "::");
    EXPECT_EQ(format_numeric(carry_over.apply(ipv6_route(31, 9, 1)).next_hop), "fe80::9");
}
