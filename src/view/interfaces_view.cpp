// SPDX-License-Identifier: MIT
// Interface table text exactly as netstat 2.10 prints it (lib/interface.c ife_print_*).
#include "netstat_audit/view/interfaces_view.hpp"

#include "netstat_audit/view/text.hpp"

#include <fmt/format.h>

#include <cstring>

namespace netstat_audit {

namespace {

namespace flag = interface_flag;

struct HardwareType {
    std::uint16_t type;
    std::string_view name;
    std::string_view title;
    enum class Address { none, ether, empty, unspec } address;
};

using Address = HardwareType::Address;
constexpr HardwareType k_hardware_types[] = {
    {772, "loop", "Local Loopback", Address::none},
    {1, "ether", "Ethernet", Address::ether},
    {768, "tunnel", "IPIP Tunnel", Address::empty},
    {776, "sit", "IPv6-in-IPv4", Address::none},
    {512, "ppp", "Point-to-Point Protocol", Address::none},
    {256, "slip", "Serial Line IP", Address::none},
    {257, "cslip", "VJ Serial Line IP", Address::none},
    {258, "slip6", "6-bit Serial Line IP", Address::none},
    {259, "cslip6", "VJ 6-bit Serial Line IP", Address::none},
    {264, "adaptive", "Adaptive Serial Line IP", Address::none},
};
constexpr HardwareType k_unspec = {0xffff, "unspec", "UNSPEC", Address::unspec};

const HardwareType& hardware_type(std::uint16_t type) {
    for (const HardwareType& known : k_hardware_types)
        if (known.type == type)
            return known;
    return k_unspec;
}

std::string hardware_address_text(const HardwareType& type, const InterfaceFacts& facts) {
    const auto& a = facts.hardware_address;
    switch (type.address) {
    case Address::ether:
        return fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", a[0], a[1], a[2], a[3],
                           a[4], a[5]);
    case Address::unspec: {
        // sizeof(struct sockaddr) bytes: the 8 netstat copied, then zeros.
        std::string text;
        for (std::size_t i = 0; i < 16; ++i)
            text += fmt::format("{}{:02X}", i == 0 ? "" : "-", i < a.size() ? a[i] : 0);
        return text;
    }
    case Address::empty:
    case Address::none:
        return {};
    }
    return {};
}

void render_flags_line(std::string& out, const Interface& interface) {
    constexpr std::pair<std::uint16_t, std::string_view> k_names[] = {
        {flag::k_up, "UP"},
        {flag::k_broadcast, "BROADCAST"},
        {flag::k_debug, "DEBUG"},
        {flag::k_loopback, "LOOPBACK"},
        {flag::k_pointopoint, "POINTOPOINT"},
        {flag::k_notrailers, "NOTRAILERS"},
        {flag::k_running, "RUNNING"},
        {flag::k_noarp, "NOARP"},
        {flag::k_promisc, "PROMISC"},
        {flag::k_allmulti, "ALLMULTI"},
        {flag::k_slave, "SLAVE"},
        {flag::k_master, "MASTER"},
        {flag::k_multicast, "MULTICAST"},
        {flag::k_dynamic, "DYNAMIC"},
    };
    const std::uint16_t flags = interface.facts.flags;
    std::string names;
    for (const auto& [bit, name] : k_names)
        if (flags & bit)
            names += (names.empty() ? "" : ",") + std::string(name);
    // netstat keeps the flags in a short: with DYNAMIC (0x8000) the number prints negative
    // (flags=-28605 for 0x9043)
    out += fmt::format("{}: flags={}", interface.name, static_cast<std::int16_t>(flags));
    if (flags == 0)
        out += '<'; // sic: netstat never closes an empty list
    else if (!names.empty())
        out += '<' + names + '>';
    out += fmt::format("  mtu {}\n", interface.facts.mtu);
}

void render_inet6_line(std::string& out, const Inet6InterfaceAddress& address,
                       std::string_view text) {
    std::uint32_t scope = address.scope;
    std::string tags;
    auto add = [&tags](std::string_view tag) {
        tags += (tags.empty() ? "" : ",") + std::string(tag);
    };
    if (scope & 0x80) {
        add("compat");
        scope &= ~0x80u;
    }
    if (scope == 0)
        add("global");
    if (scope & 0x20)
        add("link");
    if (scope & 0x40)
        add("site");
    if (scope & 0x10)
        add("host");
    out += fmt::format("        inet6 {}  prefixlen {}  scopeid 0x{:x}<{}>\n", text,
                       address.prefix_length, address.scope, tags);
}

void render_statistics_lines(std::string& out, const InterfaceStats& s, std::uint16_t type) {
    const bool compressed = type == 257 || type == 259; // CSLIP, CSLIP6
    out += fmt::format("        RX packets {}  bytes {} ({})\n", s.rx_packets, s.rx_bytes,
                       human_bytes(s.rx_bytes));
    if (compressed)
        out += fmt::format("        RX compressed:{}\n", s.rx_compressed);
    out += fmt::format("        RX errors {}  dropped {}  overruns {}  frame {}\n", s.rx_errors,
                       s.rx_dropped, s.rx_fifo, s.rx_frame);
    out += fmt::format("        TX packets {}  bytes {} ({})\n", s.tx_packets, s.tx_bytes,
                       human_bytes(s.tx_bytes));
    if (compressed)
        out += fmt::format("        TX compressed {}\n", s.tx_compressed);
    out += fmt::format("        TX errors {}  dropped {} overruns {}  carrier {}  collisions {}\n",
                       s.tx_errors, s.tx_dropped, s.tx_fifo, s.tx_carrier, s.tx_collisions);
}

void render_map_line(std::string& out, const InterfaceMap& map) {
    if (map.irq == 0 && map.mem_start == 0 && map.dma == 0 && map.base_address < 0x100)
        return;
    out += "        device ";
    if (map.irq != 0)
        out += fmt::format("interrupt {}  ", map.irq);
    if (map.base_address >= 0x100)
        out += fmt::format("base 0x{:x}  ", map.base_address);
    if (map.mem_start != 0)
        out += fmt::format("memory 0x{:x}-{:x}  ", map.mem_start, map.mem_end);
    if (map.dma != 0)
        out += fmt::format("  dma 0x{:x}", map.dma);
    out += '\n';
}

} // namespace

std::string render_interface_title() {
    return "Kernel Interface table\n";
}

std::string render_interface_header() {
    return "Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR "
           "Flg\n";
}

std::string interface_flag_letters(std::uint16_t flags) {
    if (flags == 0)
        return "[NO FLAGS]";
    // netstat's order; 'P' stands for both PROMISC and POINTOPOINT.
    constexpr std::pair<std::uint16_t, char> k_letters[] = {
        {flag::k_allmulti, 'A'},    {flag::k_broadcast, 'B'},  {flag::k_debug, 'D'},
        {flag::k_loopback, 'L'},    {flag::k_multicast, 'M'},  {flag::k_dynamic, 'd'},
        {flag::k_promisc, 'P'},     {flag::k_notrailers, 'N'}, {flag::k_noarp, 'O'},
        {flag::k_pointopoint, 'P'}, {flag::k_slave, 's'},      {flag::k_master, 'm'},
        {flag::k_running, 'R'},     {flag::k_up, 'U'},
    };
    std::string letters;
    for (const auto& [bit, letter] : k_letters)
        if (flags & bit)
            letters += letter;
    return letters;
}

void render_interface_row(std::string& out, const Interface& interface) {
    append_left(out, cut(interface.name, 15), 15);
    out += ' ';
    append_right(out, to_decimal(std::int64_t{interface.facts.mtu}), 5);
    out += ' ';
    if (!interface.stats) {
        append_left(out, "     - no statistics available -", 56);
    } else {
        const InterfaceStats& s = *interface.stats;
        auto column = [&out](std::uint64_t value, std::size_t width, bool left) {
            left ? append_left(out, to_decimal(value), width)
                 : append_right(out, to_decimal(value), width);
            out += ' ';
        };
        column(s.rx_packets, 8, false);
        column(s.rx_errors, 6, false);
        column(s.rx_dropped, 6, false);
        column(s.rx_fifo, 6, true);
        column(s.tx_packets, 8, false);
        column(s.tx_errors, 6, false);
        column(s.tx_dropped, 6, false);
        column(s.tx_fifo, 6, false);
    }
    out += interface_flag_letters(interface.facts.flags);
    out += '\n';
}

std::string human_bytes(std::uint64_t bytes) {
    constexpr std::string_view k_units[] = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    for (std::size_t i = std::size(k_units); i-- > 0;) {
        std::uint64_t unit = std::uint64_t{1} << (10 * (i + 1));
        if (bytes > unit) {
            // ⌊B·10/u⌋; for EiB netstat divides by ⌊2^60/10⌋ instead, which B·10 would
            // overflow.
            std::uint64_t tenths =
                i + 1 == std::size(k_units) ? bytes / (unit / 10) : bytes * 10 / unit;
            return fmt::format("{}.{} {}", tenths / 10, tenths % 10, k_units[i]);
        }
    }
    return fmt::format("{}.0 B", bytes);
}

void render_interface_long(std::string& out, const Interface& interface,
                           std::span<const Inet6InterfaceAddress> inet6,
                           std::span<const std::string> inet6_text) {
    const InterfaceFacts& facts = interface.facts;
    render_flags_line(out, interface);
    if (facts.ipv4) {
        out += fmt::format("        inet {}  netmask {}", format_numeric(facts.ipv4->address),
                           format_numeric(facts.ipv4->netmask));
        if (facts.flags & flag::k_broadcast)
            out += "  broadcast " + format_numeric(facts.ipv4->broadcast);
        if (facts.flags & flag::k_pointopoint)
            out += "  destination " + format_numeric(facts.ipv4->destination);
        out += '\n';
    }
    for (std::size_t i = 0; i < inet6.size() && i < inet6_text.size(); ++i)
        render_inet6_line(out, inet6[i], inet6_text[i]);
    const HardwareType& type = hardware_type(facts.hardware_type);
    out += "        ";
    out += type.name;
    if (type.address != Address::none)
        out += ' ' + hardware_address_text(type, facts);
    if (facts.tx_queue_length)
        out += fmt::format("  txqueuelen {}", *facts.tx_queue_length);
    out += fmt::format("  ({})\n", type.title);
    if (interface.stats)
        render_statistics_lines(out, *interface.stats, facts.hardware_type);
    render_map_line(out, facts.map);
    out += '\n';
}

} // namespace netstat_audit
