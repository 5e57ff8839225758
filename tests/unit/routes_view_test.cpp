// SPDX-License-Identifier: MIT
// Tests for the routing table presenter.
#include "netstat_audit/view/routes_view.hpp"

#include "netstat_audit/parse/ipv6_route.hpp"

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

std::string route_row(const Ipv4Route& r, RouteLayout layout) {
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
    EXPECT_EQ(route_row(route(1), RouteLayout::mss),
              "an-extremely-lo 0.0.0.0         255.0.0.0       U      1400 65535    300 "
              "averylongifname\n");
    EXPECT_EQ(route_row(route(1), RouteLayout::metric),
              "an-extremely-lo 0.0.0.0         255.0.0.0       U     100    0    12345 "
              "averylongifname\n");
    EXPECT_EQ(route_row(route(1), RouteLayout::full),
              "an-extremely-lo 0.0.0.0         255.0.0.0       U     100    0    12345 averyl   "
              "1400  65535  300\n");
    EXPECT_EQ(route_row(route(1), RouteLayout::title_only), "");
}

TEST(RenderIpv4Route, RejectRoutePrintsDashes) {
    EXPECT_EQ(route_row(route(0x201), RouteLayout::mss),
              "an-extremely-lo -               255.0.0.0       !         - -          - -\n");
    EXPECT_EQ(route_row(route(0x201), RouteLayout::metric),
              "an-extremely-lo -               255.0.0.0       !     100    -    12345 -\n");
    EXPECT_EQ(route_row(route(0x201), RouteLayout::full),
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

namespace {

// A route parsed from one ipv6_route line, as the parser leaves it.
Ipv6Route parsed_ipv6_route(std::string_view line) {
    auto result = parse_ipv6_routes(line);
    return result.rows.at(0);
}

constexpr std::string_view k_full_ipv6_row =
    "20010db8000000000000000000000010 80 00000000000000000000000000000000 00 "
    "20010db8000000000000000000000001 00000400 00000002 00000005 00050003    veth0\n";

} // namespace

TEST(Ipv6RouteCarryOver, LineOfFewerThan23ValuesShowsThePreviousRowFromWhereItEnds) {
    // netstat 2.10 (golden r6_short): "fe80... 40" prints fe80::/64 with the previous tail
    Ipv6RouteCarryOver carry_over;
    carry_over.apply(parsed_ipv6_route(k_full_ipv6_row));
    Ipv6Route shown = carry_over.apply(parsed_ipv6_route("fe800000000000000000000000000000 40\n"));
    EXPECT_EQ(format_numeric(shown.destination), "fe80::");
    EXPECT_EQ(shown.prefix_length, 64u);
    EXPECT_EQ(format_numeric(shown.next_hop), "2001:db8::1");
    EXPECT_EQ(shown.metric, 0x400u);
    EXPECT_EQ(shown.flags, 0x50003u);
    EXPECT_EQ(shown.device, "veth0");
    // a blank line repeats the previous row
    Ipv6Route again = carry_over.apply(parsed_ipv6_route("\n"));
    EXPECT_EQ(format_numeric(again.destination), "fe80::");
    EXPECT_EQ(again.prefix_length, 64u);
    EXPECT_EQ(again.device, "veth0");
}

TEST(Ipv6RouteCarryOver, UnparsableAddressShowsThePreviousRowsAddress) {
    Ipv6RouteCarryOver carry_over;
    carry_over.apply(parsed_ipv6_route(k_full_ipv6_row));
    Ipv6Route bad = carry_over.apply(parsed_ipv6_route(
        "zzzz0db8000000000000000000000020 80 00000000000000000000000000000000 00 "
        "zzzz0db8000000000000000000000002 00000400 00000002 00000005 00050003    veth1\n"));
    EXPECT_EQ(format_numeric(bad.destination), "2001:db8::10");
    EXPECT_EQ(format_numeric(bad.next_hop), "2001:db8::1");
    EXPECT_EQ(bad.device, "veth1");
    // four groups of text: "garb" "age" "line" "here" overwrite the first four (unparsable)
    Ipv6Route words = carry_over.apply(parsed_ipv6_route("garbage line here\n"));
    EXPECT_EQ(format_numeric(words.destination), "2001:db8::10");
    // two good groups over the kept ones make a new address
    Ipv6Route mixed = carry_over.apply(parsed_ipv6_route("fe80 0001\n"));
    EXPECT_EQ(format_numeric(mixed.destination), "2001:db8::10"); // groups 2, 3 are still bad
}
