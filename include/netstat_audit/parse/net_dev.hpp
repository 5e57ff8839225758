// SPDX-License-Identifier: MIT
// Parsers for /proc/net/dev (interface statistics) and /proc/net/if_inet6 (IPv6 addresses).
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/interface.hpp"

#include <string_view>

namespace netstat_audit {

// Parses /proc/net/dev. Sample (two header lines, then one line per device):
//   Inter-|   Receive                                                |  Transmit
//    face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs ...
//     lo:    3267      29    0    0    0     0          0         0     3267      29    0 ...
// The second header line picks the layout like netstat: "compressed" → 16 counters, "bytes" →
// 13, else 11. Names are read like netstat's get_name(): an alias "eth0:1:" keeps its ":1", and
// a name reaching 15 bytes ends there, so the counters that follow do not scan (netstat then
// shows zeros). Counters that do not scan stay 0; every line yields a row.
ParseResult<InterfaceStatsRow> parse_net_dev(std::string_view text);

// Parses /proc/net/if_inet6. Sample (kernel fields: address, ifindex, prefix length, scope,
// flags, device):
//   fe800000000000000000000000000001 02 40 20 80    veth0
// Lines that do not have all six fields are skipped with a diagnostic.
ParseResult<Inet6InterfaceAddress> parse_if_inet6(std::string_view text);

} // namespace netstat_audit
