// SPDX-License-Identifier: MIT
// netstat's routing table text (-r, -re, -ree, -6r, -C): titles, headers, rows.
#pragma once

#include "netstat_audit/model/route.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace netstat_audit {

// The IPv4 column layout, from the count of -e (golden cases re, ren, ree): 0 prints only the
// title.
enum class RouteLayout { title_only = 0, metric = 1, mss = 2, full = 3 };

// Which kernel table a listing shows: the FIB (-F, default) or the routing cache (-C).
enum class RouteTable { fib, cache };

// Maps the number of -e options to netstat's layout: 0 → mss, 1 → metric, k → (k+1) mod 4.
RouteLayout route_layout_for_extend(int extend_count);

// "Kernel IP routing table\n" or, for the cache, "Kernel IP routing cache\n".
std::string render_ipv4_route_title(RouteTable table);
// The column header of the FIB or of the cache (empty for title_only).
std::string render_ipv4_route_header(RouteLayout layout, RouteTable table);
// The flag letters of an IPv4 route ("UG", "!H", "UHDMui").
std::string ipv4_route_flags(std::uint32_t flags);
// netstat scans every line of /proc/net/route into the same variables and accepts a line with
// 10 of its 11 values, so a row without IRTT shows the IRTT of the last line that had one (0
// before any). Apply one RouteCarryOver to the rows of the file in order, before the RTF_UP
// filter (unit tests RouteCarryOver.*, ParseIpv4Routes.RowWithoutIrttSaysSo).
class RouteCarryOver {
public:
    // `route` as netstat prints it after the rows passed in before it.
    Ipv4Route apply(const Ipv4Route& route);

private:
    std::int32_t m_irtt = 0;
};

// netstat scans every line of /proc/net/ipv6_route into the same variables and prints a row for
// every line, however few of its 31 values it has (a blank line repeats the previous row), so
// a short line shows the previous line's values from where it ends (before any: unparsable
// groups, numbers 0). The addresses are converted into sockaddrs kept from row to row: an
// unparsable one shows the previous row's (:: before any).
// Apply one Ipv6RouteCarryOver to the rows of the file in order, before the cache filter (unit
// tests Ipv6RouteCarryOver.*, ParseIpv6Routes.ShortRowRecordsWhatItHad).
class Ipv6RouteCarryOver {
public:
    // `route` as netstat prints it after the rows passed in before it.
    Ipv6Route apply(const Ipv6Route& route);

private:
    std::array<std::int32_t, 8> m_destination_groups{-1, -1, -1, -1, -1, -1, -1, -1};
    std::array<std::int32_t, 8> m_next_hop_groups{-1, -1, -1, -1, -1, -1, -1, -1};
    IpAddress m_destination{IpVersion::v6, {}};
    IpAddress m_next_hop{IpVersion::v6, {}};
    std::uint32_t m_prefix_length = 0, m_metric = 0, m_refcnt = 0, m_use = 0, m_flags = 0;
    std::string m_device;
};

// Appends one FIB row. `destination` and `gateway` are the already resolved texts; they are
// cut to 15 bytes. Reject routes print dashes. Nothing for title_only.
void render_ipv4_route(std::string& out, const Ipv4Route& route, std::string_view destination,
                       std::string_view gateway, RouteLayout layout);

// "Kernel IPv6 routing table\n" / "Kernel IPv6 routing cache\n" and the one header line.
std::string render_ipv6_route_title(RouteTable table);
std::string render_ipv6_route_header();
// The flag letters of an IPv6 route ("UGDA", "!n").
std::string ipv6_route_flags(std::uint32_t flags);
// Appends one row; `destination` and `next_hop` are resolved address texts (never cut).
void render_ipv6_route(std::string& out, const Ipv6Route& route, std::string_view destination,
                       std::string_view next_hop);

} // namespace netstat_audit
