// SPDX-License-Identifier: MIT
// Parser for the paired-line counter files /proc/net/snmp and /proc/net/netstat, and for
// /proc/net/sctp/snmp.
#pragma once

#include "netstat_audit/model/counters.hpp"
#include "netstat_audit/model/diagnostic.hpp"

#include <string_view>

namespace netstat_audit {

// Parses /proc/net/snmp or /proc/net/netstat. Sample (names line, then values line):
//   Tcp: RtoAlgorithm RtoMin RtoMax MaxConn ActiveOpens ...
//   Tcp: 1 200 120000 -1 3021 ...
// Fields are matched by name, never by position. A line that is exactly "\n" where a pair
// would start is skipped; a lone last line is ignored. Values are read like strtoull (blanks
// skipped, "-1" wraps, overflow saturates, missing values are 0). When either line of a pair
// lacks ':' the parse stops there: the groups so far are returned with one diagnostic
// (netstat's "Problem while parsing"). `file_name` labels diagnostics ("net/snmp").
ParseResult<CounterGroup> parse_counter_pairs(std::string_view text, std::string_view file_name);

// Parses /proc/net/sctp/snmp ("SctpCurrEstab  3" per line) into one group named "Sctp".
CounterGroup parse_sctp_counters(std::string_view text);

} // namespace netstat_audit
