// SPDX-License-Identifier: MIT
// Parser for /proc/net/igmp and /proc/net/igmp6 with netstat's igmp_do_one() scan formats.
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/multicast.hpp"

#include <string_view>

namespace netstat_audit {

// The format netstat's igmp_do_one() reads a file's data lines with. It reads igmp, then
// igmp6, through one function: a first line without "Device" switches to igmp6 for the rest
// of the pass, so the format of the second file depends on the first (igmp_format_after).
enum class IgmpFormat { igmp, igmp6 };

// The format the file after `text` starts with when `text` was read starting with `format`:
// igmp6 once any file of the pass had a first line without "Device" (an empty file changes
// nothing).
IgmpFormat igmp_format_after(std::string_view text, IgmpFormat format);

// Parses one file, igmp or igmp6, read starting with `format` (IgmpFormat::igmp for the first
// file of a pass). Samples:
//   igmp:  Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter
//          1\tlo        :     1      V3
//          \t\t\t\t010000E0     1 0:00000000\t\t0
//   igmp6: 1    lo              ff020000000000000000000000000001     1 0000000C 0
// A first line with "Device" is a header (skipped; with "Idx" device lines start with an
// index); a first line without it switches to igmp6 and is data. In igmp format a line not
// starting with a tab is a device line: an igmp_device entry with the next 15 bytes
// (sscanf "%15c"); a tab line is an igmp_membership: group as a little-endian 32-bit hex word,
// users in decimal, named after the device line before it. Each line stands alone: netstat's
// reuse of an earlier name's tail ("%15c" on a short line) is view/groups_view's
// IgmpCarryOver. igmp6 lines need index, name (max 15 bytes), group hex (32 digits, network
// order) and users. A line that does not scan is a diagnostic whose `line` is the 1-based line
// number and whose reason is "bogus igmp line" or "bogus igmp6 line" (the format it was read
// with).
ParseResult<GroupMembership> parse_igmp(std::string_view text, IgmpFormat format,
                                        std::string_view file_name);

} // namespace netstat_audit
