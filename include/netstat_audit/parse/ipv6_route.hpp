// SPDX-License-Identifier: MIT
// Parser for /proc/net/ipv6_route (the IPv6 FIB and cache).
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/route.hpp"

#include <string_view>

namespace netstat_audit {

// Parses /proc/net/ipv6_route, which has no header. Sample (kernel column names):
//   dst                              dst_len src                              src_len
//   next_hop                         metric   refcnt   use      flags    device
//   20010db8000000000000000000000000 40 00000000000000000000000000000000 00
//   00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0
// (one line in the file). Each line is read with netstat's sscanf format (%4s groups, %02x,
// %08x, %15s): every line is a row that records how many values it had (Ipv6Route::values_read)
// and leaves the rest 0 (netstat's reuse of the previous line's values is view/routes_view's
// Ipv6RouteCarryOver); one with fewer than 23 also gets a diagnostic and is no route
// (is_ipv6_route). An address with an unparsable group reads as :: (destination_valid false).
ParseResult<Ipv6Route> parse_ipv6_routes(std::string_view text);

} // namespace netstat_audit
