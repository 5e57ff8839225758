// SPDX-License-Identifier: MIT
// Interfaces (-i) → JSON records: kernel counters and facts under netstat_audit.interface.
#pragma once

#include "netstat_audit/model/interface.hpp"
#include "netstat_audit/report/json_text.hpp"

#include <span>

namespace netstat_audit {

// {"netstat_audit": {"interface": {"name", "flags": ["UP", ...] (linux/if.h names), "flags_code",
// "mtu", "hardware_type", "hardware_address" (ether only), "tx_queue_length", "map", "ipv4":
// {address, netmask, broadcast, destination}, "ipv6": [{address, prefix_length, scope}],
// "statistics": {rx_bytes, ... tx_compressed} (absent without a /proc/net/dev line)}}}.
// `ipv6` are the if_inet6 rows of this interface.
Json to_json(const Interface& interface, std::span<const Inet6InterfaceAddress> ipv6);

} // namespace netstat_audit
