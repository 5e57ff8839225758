// SPDX-License-Identifier: MIT
// Routing table entries as the kernel reports them (IPv4 FIB, IPv6 FIB and cache).
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <array>
#include <cstdint>
#include <string>

namespace netstat_audit {

// Route flag bits shared by /proc/net/route and /proc/net/ipv6_route (linux/route.h,
// linux/ipv6_route.h).
namespace route_flag {
inline constexpr std::uint32_t k_up = 0x0001;
inline constexpr std::uint32_t k_gateway = 0x0002;
inline constexpr std::uint32_t k_host = 0x0004;
inline constexpr std::uint32_t k_reinstate = 0x0008;
inline constexpr std::uint32_t k_dynamic = 0x0010;
inline constexpr std::uint32_t k_modified = 0x0020;
inline constexpr std::uint32_t k_mtu = 0x0040;
inline constexpr std::uint32_t k_window = 0x0080;
inline constexpr std::uint32_t k_irtt = 0x0100;
inline constexpr std::uint32_t k_reject = 0x0200;
inline constexpr std::uint32_t k_notcached = 0x0400;
inline constexpr std::uint32_t k_default = 0x10000;
inline constexpr std::uint32_t k_allonlink = 0x20000;
inline constexpr std::uint32_t k_addrconf = 0x40000;
inline constexpr std::uint32_t k_nonexthop = 0x200000;
inline constexpr std::uint32_t k_expires = 0x400000;
inline constexpr std::uint32_t k_cache = 0x1000000;
inline constexpr std::uint32_t k_flow = 0x2000000;
inline constexpr std::uint32_t k_policy = 0x4000000;
inline constexpr std::uint32_t k_local = 0x80000000;
} // namespace route_flag

// One line of /proc/net/route. The kernel's signed decimal columns keep their C int values.
struct Ipv4Route {
    std::string interface_name; // at most 15 bytes
    IpAddress destination;
    IpAddress gateway;
    IpAddress mask;
    std::uint32_t flags = 0;
    std::int32_t refcnt = 0;
    std::int32_t use = 0;
    std::int32_t metric = 0;
    std::int32_t mtu = 0; // netstat's "MSS" column
    std::int32_t window = 0;
    std::int32_t irtt = 0;
    // False when the line ended after the Window column (10 of the 11 values netstat needs at
    // least 10 of): the file gave no IRTT and `irtt` is 0. netstat shows the IRTT of an earlier
    // line then (view/routes_view RouteCarryOver).
    bool irtt_present = true;
    // False when the file's text for that address is not 8 hex digits; netstat then keeps the
    // address of the previous route it printed.
    bool destination_valid = true;
    bool gateway_valid = true;
    bool mask_valid = true;
};

// One line of /proc/net/ipv6_route.
struct Ipv6Route {
    IpAddress destination{IpVersion::v6, {}};
    std::uint32_t prefix_length = 0;
    IpAddress source{IpVersion::v6, {}};
    std::uint32_t source_prefix_length = 0;
    IpAddress next_hop{IpVersion::v6, {}};
    std::uint32_t metric = 0;
    std::uint32_t refcnt = 0;
    std::uint32_t use = 0;
    std::uint32_t flags = 0;
    std::string device; // at most 15 bytes
    // How many of the line's 31 values (8+1+8+1+8 address groups and lengths, metric, refcnt,
    // use, flags, device) it had: 0 to 31, a route from 23 (is_ipv6_route). Values past it are
    // 0 / empty here; netstat shows the previous line's then (view/routes_view
    // Ipv6RouteCarryOver), for a line of fewer than 23 values too.
    std::uint8_t values_read = 31;
    // The destination's eight "%4s" groups as numbers, -1 where the text is not 1-4 hex digits
    // or the line ended first; `destination_valid` is false then (`destination` is ::), and
    // netstat shows the previous row's destination.
    std::array<std::int32_t, 8> destination_groups{};
    bool destination_valid = true;
    // The next hop's eight "%4s" groups as numbers, -1 where the text is not 1-4 hex digits or
    // the line ended first. `next_hop` is :: when a group the line had is bad (as netstat's
    // inet_pton of the joined groups); the carry-over needs the groups themselves.
    std::array<std::int32_t, 8> next_hop_groups{};
};

// Whether a line of /proc/net/ipv6_route is a route: netstat needs 23 values (it still prints a
// row for a shorter line, from the previous line's values). JSON, the audit and baselines skip
// the others.
inline bool is_ipv6_route(const Ipv6Route& route) {
    return route.values_read >= 23;
}

} // namespace netstat_audit
