// SPDX-License-Identifier: MIT
// Parsers for /proc/net/sctp/eps and /proc/net/sctp/assocs (and their sctp6 twins).
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/sctp.hpp"

#include <string_view>

namespace netstat_audit {

// Parses the text of an eps file. Sample (kernel column names):
//    ENDPT     SOCK   STY SST HBKT LPORT   UID INODE LADDRS
//   ffff888003b1c000 ffff888004f2a000 2   10  39   5000      0 12345 198.51.100.10 203.0.113.1
// The first line is skipped whatever it holds. Fields are split on blanks like netstat's
// strtok(): a line needs at least the eight fields up to INODE, otherwise it becomes a diagnostic
// (reason "bogus"). LADDRS runs to the first tab or newline. Numbers convert like atoi()/
// strtoul(..., 0) (garbage reads as 0, INODE may be 0x hex or 0 octal); an address with a ':'
// is IPv6 ("2001:0db8:...", eight groups), anything else goes through inet_addr(), so a word it
// rejects reads as 255.255.255.255.
ParseResult<SctpEndpoint> parse_sctp_endpoints(std::string_view text, std::string_view file_name);

// Parses the text of an assocs file. Sample (kernel column names, trailing columns cut):
//    ASSOC     SOCK   STY SST ST HBKT ASSOC-ID TX_QUEUE RX_QUEUE UID INODE LPORT RPORT LADDRS <->
//    RADDRS HBINT ...
//   ffff888003b1d000 ffff888004f2b000 2   1   4  1541  1        7        9     0 23456  5000 40000
//   198.51.100.10 <-> *203.0.113.5 \t    7500 ...
// A line needs the thirteen fields up to RPORT, otherwise it is a diagnostic ("bogus"). The
// address lists are cut at any of '<', '-', '>', tab or newline, as netstat cuts them; a leading
// '*' on an address is dropped. A missing list is empty (netstat crashes there).
ParseResult<SctpAssociation> parse_sctp_associations(std::string_view text,
                                                     std::string_view file_name);

// Decodes one address word of an SCTP file the way netstat does (see above).
IpAddress parse_sctp_address(std::string_view word);

} // namespace netstat_audit
