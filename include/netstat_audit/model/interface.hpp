// SPDX-License-Identifier: MIT
// Network interfaces: kernel statistics, the facts netstat gets by ioctl, IPv6 addresses.
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace netstat_audit {

// Interface flag bits (linux/if.h), the low 16 bits that SIOCGIFFLAGS returns.
namespace interface_flag {
inline constexpr std::uint16_t k_up = 0x1;
inline constexpr std::uint16_t k_broadcast = 0x2;
inline constexpr std::uint16_t k_debug = 0x4;
inline constexpr std::uint16_t k_loopback = 0x8;
inline constexpr std::uint16_t k_pointopoint = 0x10;
inline constexpr std::uint16_t k_notrailers = 0x20;
inline constexpr std::uint16_t k_running = 0x40;
inline constexpr std::uint16_t k_noarp = 0x80;
inline constexpr std::uint16_t k_promisc = 0x100;
inline constexpr std::uint16_t k_allmulti = 0x200;
inline constexpr std::uint16_t k_master = 0x400;
inline constexpr std::uint16_t k_slave = 0x800;
inline constexpr std::uint16_t k_multicast = 0x1000;
inline constexpr std::uint16_t k_dynamic = 0x8000;
} // namespace interface_flag

// The counters of one /proc/net/dev line (fields a short layout lacks stay 0).
struct InterfaceStats {
    std::uint64_t rx_bytes = 0, rx_packets = 0, rx_errors = 0, rx_dropped = 0, rx_fifo = 0,
                  rx_frame = 0, rx_compressed = 0, rx_multicast = 0;
    std::uint64_t tx_bytes = 0, tx_packets = 0, tx_errors = 0, tx_dropped = 0, tx_fifo = 0,
                  tx_collisions = 0, tx_carrier = 0, tx_compressed = 0;
};

// One line of /proc/net/dev.
struct InterfaceStatsRow {
    std::string name;
    InterfaceStats stats;
};

// SIOCGIFMAP's hardware parameters.
struct InterfaceMap {
    std::uint64_t mem_start = 0;
    std::uint64_t mem_end = 0;
    std::uint16_t base_address = 0;
    std::uint8_t irq = 0;
    std::uint8_t dma = 0;
};

// The IPv4 address of an interface or label (SIOCGIFADDR and friends).
struct Ipv4Config {
    IpAddress address;
    IpAddress netmask;
    IpAddress broadcast;
    IpAddress destination;
};

// What the kernel says about one interface name (a device or an IPv4 label).
struct InterfaceFacts {
    std::uint16_t flags = 0;
    std::uint16_t hardware_type = 0;                // ARPHRD_*
    std::array<std::uint8_t, 8> hardware_address{}; // the first 8 bytes, rest unknown
    std::int32_t mtu = 0;                           // 0 when unknown
    std::optional<std::int32_t> tx_queue_length;    // absent when unknown
    InterfaceMap map;
    std::optional<Ipv4Config> ipv4;
};

// One line of /proc/net/if_inet6.
struct Inet6InterfaceAddress {
    IpAddress address{IpVersion::v6, {}};
    std::uint32_t prefix_length = 0;
    std::uint32_t scope = 0;
    std::string device;
};

// An interface as listed by -i: its name, facts, and statistics when /proc/net/dev has it.
// `facts_error` is the error of asking for the facts (ENODEV for a vanished name); the
// collection stops at the first such interface, as netstat's listing does (golden case i_bogus).
struct Interface {
    std::string name;
    InterfaceFacts facts;
    std::optional<InterfaceStats> stats;
    std::error_code facts_error;
};

} // namespace netstat_audit
