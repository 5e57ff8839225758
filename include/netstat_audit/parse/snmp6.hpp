// SPDX-License-Identifier: MIT
// Parser for /proc/net/snmp6 (one "Key value" per line, sections implied by key prefixes).
#pragma once

#include "netstat_audit/model/counters.hpp"
#include "netstat_audit/model/diagnostic.hpp"

#include <string_view>

namespace netstat_audit {

// Parses /proc/net/snmp6. Sample:
//   Ip6InReceives                   	1019
//   Icmp6InMsgs                     	0
// A section's name is its first key's prefix up to and including the first '6' ("Ip6",
// "Icmp6", "UdpLite6"; a key without '6' names itself). A key that does not contain the
// current section name starts a new section, as in netstat. Lines without a key are skipped.
ParseResult<CounterGroup> parse_snmp6(std::string_view text);

} // namespace netstat_audit
