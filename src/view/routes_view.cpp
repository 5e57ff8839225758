// SPDX-License-Identifier: MIT
// Routing table text exactly as netstat 2.10 prints it (lib/inet_gr.c, lib/inet6_gr.c).
#include "netstat_audit/view/routes_view.hpp"

#include "netstat_audit/view/text.hpp"

#include <optional>

namespace netstat_audit {

namespace {

constexpr std::size_t k_address_width = 15;

struct FlagLetter {
    std::uint32_t bit;
    char letter;
};

void append_int(std::string& out, std::int64_t value, std::size_t width, bool left) {
    std::string text = to_decimal(value);
    left ? append_left(out, text, width) : append_right(out, text, width);
}

} // namespace

RouteLayout route_layout_for_extend(int extend_count) {
    if (extend_count == 0)
        return RouteLayout::mss;
    if (extend_count == 1)
        return RouteLayout::metric;
    return static_cast<RouteLayout>((extend_count + 1) % 4);
}

std::string render_ipv4_route_title(RouteTable table) {
    return table == RouteTable::cache ? "Kernel IP routing cache\n" : "Kernel IP routing table\n";
}

std::string render_ipv4_route_header(RouteLayout layout, RouteTable table) {
    const bool cache = table == RouteTable::cache;
    std::string head = cache ? "Source          Destination     Gateway         "
                             : "Destination     Gateway         Genmask         ";
    switch (layout) {
    case RouteLayout::title_only:
        return "";
    case RouteLayout::metric:
        return head + "Flags Metric Ref    Use Iface\n";
    case RouteLayout::mss:
        return head + "Flags   MSS Window  irtt Iface\n";
    case RouteLayout::full:
        return head + (cache ? "Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef "
                               "HHUptod     SpecDst\n"
                             : "Flags Metric Ref    Use Iface    MSS   Window irtt\n");
    }
    return "";
}

std::string ipv4_route_flags(std::uint32_t flags) {
    // netstat: U and G first; REJECT then replaces everything so far by '!'.
    std::string text;
    if (flags & route_flag::k_up)
        text += 'U';
    if (flags & route_flag::k_gateway)
        text += 'G';
    if (flags & route_flag::k_reject)
        text = "!";
    constexpr FlagLetter k_rest[] = {
        {route_flag::k_host, 'H'},      {route_flag::k_reinstate, 'R'},
        {route_flag::k_dynamic, 'D'},   {route_flag::k_modified, 'M'},
        {route_flag::k_default, 'd'},   {route_flag::k_allonlink, 'a'},
        {route_flag::k_addrconf, 'c'},  {route_flag::k_nonexthop, 'o'},
        {route_flag::k_expires, 'e'},   {route_flag::k_cache, 'c'},
        {route_flag::k_flow, 'f'},      {route_flag::k_policy, 'p'},
        {route_flag::k_local, 'l'},     {route_flag::k_mtu, 'u'},
        {route_flag::k_window, 'w'},    {route_flag::k_irtt, 'i'},
        {route_flag::k_notcached, 'n'},
    };
    for (const FlagLetter& f : k_rest)
        if (flags & f.bit)
            text += f.letter;
    return text;
}

Ipv4Route RouteCarryOver::apply(const Ipv4Route& route) {
    Ipv4Route shown = route;
    if (route.irtt_present)
        m_irtt = route.irtt;
    else
        shown.irtt = m_irtt;
    return shown;
}

namespace {

// Value `position` (0-based, of 31) of an ipv6_route line: the row's own when the line had it,
// else the one kept from an earlier line.
template <typename T> void carry_value(T& shown, T& kept, const Ipv6Route& route, int position) {
    if (position < route.values_read)
        kept = shown;
    else
        shown = kept;
}

} // namespace

namespace {

// The address of eight groups as netstat's inet_pton() of the joined "%4s" texts gives it, or
// nullopt when a group is unparsable (inet_pton fails and leaves the previous address).
std::optional<IpAddress> address_of(const std::array<std::int32_t, 8>& groups) {
    IpAddress address{IpVersion::v6, {}};
    for (std::size_t i = 0; i < 8; ++i) {
        if (groups[i] < 0)
            return std::nullopt;
        address.bytes[2 * i] = static_cast<std::uint8_t>((groups[i] >> 8) & 0xff);
        address.bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xff);
    }
    return address;
}

} // namespace

Ipv6Route Ipv6RouteCarryOver::apply(const Ipv6Route& route) {
    Ipv6Route shown = route;
    // Positions: 0-7 destination, 8 prefix, 9-16 source, 17 prefix, 18-25 next hop, 26 metric,
    // 27 refcnt, 28 use, 29 flags, 30 device. A line of fewer than 23 values is printed too
    // (netstat 2.10 does not skip it): a blank line repeats the previous row.
    for (std::size_t i = 0; i < 8; ++i) {
        carry_value(shown.destination_groups[i], m_destination_groups[i], route,
                    static_cast<int>(i));
        carry_value(shown.next_hop_groups[i], m_next_hop_groups[i], route,
                    18 + static_cast<int>(i));
    }
    // netstat converts both addresses into sockaddrs it keeps from row to row: one that does
    // not convert shows the previous row's (:: before any).
    if (route.values_read >= 8) {
        if (route.destination_valid)
            m_destination = route.destination;
    } else if (auto destination = address_of(shown.destination_groups)) {
        m_destination = *destination;
    }
    shown.destination = m_destination;
    if (auto next_hop = address_of(shown.next_hop_groups))
        m_next_hop = *next_hop;
    shown.next_hop = m_next_hop;
    carry_value(shown.prefix_length, m_prefix_length, route, 8);
    carry_value(shown.metric, m_metric, route, 26);
    carry_value(shown.refcnt, m_refcnt, route, 27);
    carry_value(shown.use, m_use, route, 28);
    carry_value(shown.flags, m_flags, route, 29);
    carry_value(shown.device, m_device, route, 30);
    shown.values_read = 31;
    return shown;
}

void render_ipv4_route(std::string& out, const Ipv4Route& route, std::string_view destination,
                       std::string_view gateway, RouteLayout layout) {
    if (layout == RouteLayout::title_only)
        return;
    const bool reject = (route.flags & route_flag::k_reject) != 0;
    append_left(out, cut(destination, k_address_width), k_address_width);
    out += ' ';
    append_left(out, reject ? "-" : cut(gateway, k_address_width), k_address_width);
    out += ' ';
    append_left(out, format_numeric(route.mask), k_address_width);
    out += ' ';
    append_left(out, ipv4_route_flags(route.flags), 5);
    if (layout == RouteLayout::mss) {
        if (reject) {
            out += "     - -          - -\n";
            return;
        }
        out += ' ';
        append_int(out, route.mtu, 5, false);
        out += ' ';
        append_int(out, route.window, 5, true);
        out += ' ';
        append_int(out, route.irtt, 6, false);
        out += ' ';
        out += route.interface_name;
        out += '\n';
        return;
    }
    out += ' ';
    append_int(out, route.metric, 6, true);
    if (reject) {
        out += " -  ";
        append_int(out, route.use, 7, false);
        out += layout == RouteLayout::full ? " -        -     -      -\n" : " -\n";
        return;
    }
    out += ' ';
    append_int(out, route.refcnt, layout == RouteLayout::full ? 3 : 2, true);
    out += ' ';
    append_int(out, route.use, layout == RouteLayout::full ? 6 : 7, false);
    out += ' ';
    if (layout == RouteLayout::metric) {
        out += route.interface_name;
        out += '\n';
        return;
    }
    append_left(out, cut(route.interface_name, 6), 6);
    out += "   ";
    append_int(out, route.mtu, 5, true);
    out += ' ';
    append_int(out, route.window, 6, true);
    out += ' ';
    out += to_decimal(std::int64_t{route.irtt});
    out += '\n';
}

std::string render_ipv6_route_title(RouteTable table) {
    return table == RouteTable::cache ? "Kernel IPv6 routing cache\n"
                                      : "Kernel IPv6 routing table\n";
}

std::string render_ipv6_route_header() {
    return "Destination                    Next Hop                   Flag Met Ref  Use If\n";
}

std::string ipv6_route_flags(std::uint32_t flags) {
    constexpr FlagLetter k_letters[] = {
        {route_flag::k_up, 'U'},        {route_flag::k_reject, '!'},
        {route_flag::k_gateway, 'G'},   {route_flag::k_host, 'H'},
        {route_flag::k_default, 'D'},   {route_flag::k_addrconf, 'A'},
        {route_flag::k_cache, 'C'},     {route_flag::k_allonlink, 'a'},
        {route_flag::k_expires, 'e'},   {route_flag::k_modified, 'm'},
        {route_flag::k_nonexthop, 'n'}, {route_flag::k_flow, 'f'},
    };
    std::string text;
    for (const FlagLetter& f : k_letters)
        if (flags & f.bit)
            text += f.letter;
    return text;
}

void render_ipv6_route(std::string& out, const Ipv6Route& route, std::string_view destination,
                       std::string_view next_hop) {
    std::string target(destination);
    target += '/';
    target += to_decimal(std::uint64_t{route.prefix_length});
    append_left(out, target, 30);
    out += ' ';
    append_left(out, next_hop, 26);
    out += ' ';
    append_left(out, ipv6_route_flags(route.flags), 4);
    out += ' ';
    // printf("%-3d %-1d %6d"): the kernel's unsigned words print as C ints.
    append_int(out, static_cast<std::int32_t>(route.metric), 3, true);
    out += ' ';
    append_int(out, static_cast<std::int32_t>(route.refcnt), 1, true);
    out += ' ';
    append_int(out, static_cast<std::int32_t>(route.use), 6, false);
    out += ' ';
    out += route.device;
    out += '\n';
}

} // namespace netstat_audit
