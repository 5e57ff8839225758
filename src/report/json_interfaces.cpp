// SPDX-License-Identifier: MIT
// Interfaces as JSON records: every /proc/net/dev counter and ioctl fact as a number.
#include "netstat_audit/report/json_interfaces.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace netstat_audit {

namespace {

constexpr std::uint16_t k_arphrd_ether = 1;

// linux/if.h names of the low 16 flag bits.
constexpr std::array<std::pair<std::uint16_t, std::string_view>, 16> k_flags = {{
    {0x1, "UP"},
    {0x2, "BROADCAST"},
    {0x4, "DEBUG"},
    {0x8, "LOOPBACK"},
    {0x10, "POINTOPOINT"},
    {0x20, "NOTRAILERS"},
    {0x40, "RUNNING"},
    {0x80, "NOARP"},
    {0x100, "PROMISC"},
    {0x200, "ALLMULTI"},
    {0x400, "MASTER"},
    {0x800, "SLAVE"},
    {0x1000, "MULTICAST"},
    {0x2000, "PORTSEL"},
    {0x4000, "AUTOMEDIA"},
    {0x8000, "DYNAMIC"},
}};

Json statistics_json(const InterfaceStats& s) {
    return {{"rx_bytes", s.rx_bytes},
            {"rx_packets", s.rx_packets},
            {"rx_errors", s.rx_errors},
            {"rx_dropped", s.rx_dropped},
            {"rx_fifo", s.rx_fifo},
            {"rx_frame", s.rx_frame},
            {"rx_compressed", s.rx_compressed},
            {"rx_multicast", s.rx_multicast},
            {"tx_bytes", s.tx_bytes},
            {"tx_packets", s.tx_packets},
            {"tx_errors", s.tx_errors},
            {"tx_dropped", s.tx_dropped},
            {"tx_fifo", s.tx_fifo},
            {"tx_collisions", s.tx_collisions},
            {"tx_carrier", s.tx_carrier},
            {"tx_compressed", s.tx_compressed}};
}

} // namespace

Json to_json(const Interface& interface, std::span<const Inet6InterfaceAddress> ipv6) {
    const InterfaceFacts& facts = interface.facts;
    Json json = Json::object();
    json["name"] = json_text(interface.name);
    Json flags = Json::array();
    for (const auto& [bit, name] : k_flags)
        if (facts.flags & bit)
            flags.push_back(name);
    json["flags"] = std::move(flags);
    json["flags_code"] = facts.flags;
    json["mtu"] = facts.mtu;
    json["hardware_type"] = facts.hardware_type;
    if (facts.hardware_type == k_arphrd_ether) {
        const auto& a = facts.hardware_address;
        json["hardware_address"] = fmt::format("{:02x}:{:02x}:{:02x}:{:02x}:{:02x}:{:02x}", a[0],
                                               a[1], a[2], a[3], a[4], a[5]);
    }
    if (facts.tx_queue_length)
        json["tx_queue_length"] = *facts.tx_queue_length;
    json["map"] = {{"mem_start", facts.map.mem_start},
                   {"mem_end", facts.map.mem_end},
                   {"base_address", facts.map.base_address},
                   {"irq", facts.map.irq},
                   {"dma", facts.map.dma}};
    if (facts.ipv4)
        json["ipv4"] = {{"address", format_numeric(facts.ipv4->address)},
                        {"netmask", format_numeric(facts.ipv4->netmask)},
                        {"broadcast", format_numeric(facts.ipv4->broadcast)},
                        {"destination", format_numeric(facts.ipv4->destination)}};
    Json addresses = Json::array();
    for (const Inet6InterfaceAddress& row : ipv6)
        addresses.push_back({{"address", format_numeric(row.address)},
                             {"prefix_length", row.prefix_length},
                             {"scope", row.scope}});
    json["ipv6"] = std::move(addresses);
    if (interface.stats)
        json["statistics"] = statistics_json(*interface.stats);
    return Json{{"netstat_audit", {{"interface", std::move(json)}}}};
}

} // namespace netstat_audit
