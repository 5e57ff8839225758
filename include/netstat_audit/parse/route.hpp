// SPDX-License-Identifier: MIT
// Parser for /proc/net/route (the IPv4 FIB).
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/route.hpp"

#include <expected>
#include <string>
#include <string_view>

namespace netstat_audit {

// Parses /proc/net/route. Sample (the first line is the kernel's header, columns by name):
//   Iface  Destination  Gateway  Flags  RefCnt  Use  Metric  Mask      MTU  Window  IRTT
//   eth0   00000000     0102A8C0 0003   0       0    100     00000000  0    0       0
// The header must name Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT in
// this order (other words may be interleaved); otherwise the error is the first required name
// not found in sequence (netstat's "does not contain required field NAME"); an empty file gives
// an empty name. Data lines are read by header position like netstat's sscanf: a line with fewer
// than 10 values is skipped with a diagnostic; values a short line lacks keep the previous
// line's value (as netstat's reused variables do). Routes without RTF_UP are kept: the view
// decides. An address that is not 8 hex digits is 0.0.0.0 and flagged invalid.
std::expected<ParseResult<Ipv4Route>, std::string> parse_ipv4_routes(std::string_view text);

} // namespace netstat_audit
