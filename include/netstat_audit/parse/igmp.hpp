// SPDX-License-Identifier: MIT
// Parser for /proc/net/igmp and /proc/net/igmp6 with netstat's igmp_do_one() rules.
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/multicast.hpp"

#include <array>
#include <string_view>

namespace netstat_audit {

// What netstat's igmp_do_one() keeps in static variables between lines and files of one pass:
// both files go through the same function, so the state of one affects the next.
struct IgmpScanState {
    bool igmp6_format = false;     // a first line without "Device" switches to igmp6 for good
    bool has_index = false;        // the igmp header starts with "Idx": device lines do too
    std::array<char, 16> device{}; // the current device name, byte for byte (see below)
};

// Parses one file, igmp or igmp6 (netstat reads igmp, then igmp6, with one state). Samples:
//   igmp:  Idx\tDevice    : Count Querier\tGroup    Users Timer\tReporter
//          1\tlo        :     1      V3
//          \t\t\t\t010000E0     1 0:00000000\t\t0
//   igmp6: 1    lo              ff020000000000000000000000000001     1 0000000C 0
// First line: with "Device" it is the igmp header (skipped), otherwise the igmp6 format starts
// and the line is data. igmp device lines ("IDX\tNAME") set the device from the next 15 bytes
// (sscanf "%15c": shorter input leaves the tail of the previous name), cut at the last ':';
// lines starting with a tab give a row: group as a little-endian 32-bit hex word, users in
// decimal. igmp6 lines need index, name (max 15 bytes), group hex (32 digits, network order)
// and users. A line that does not scan is a diagnostic whose `line` is the 1-based line number
// and whose reason is "bogus igmp line" or "bogus igmp6 line" (the format it was read with).
ParseResult<GroupMembership> parse_igmp(std::string_view text, IgmpScanState& state,
                                        std::string_view file_name);

} // namespace netstat_audit
