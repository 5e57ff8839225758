// SPDX-License-Identifier: MIT
// Parser for /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}.
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/socket.hpp"

#include <string_view>

namespace netstat_audit {

// Parses the text of one inet socket file. Sample (tcp, kernel column names):
//   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
//    0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2002
//    ...
// The first line is skipped whatever it holds. A line is kept when netstat's scan gets through
// "retrnsmt" (tcp) or "tm->when" (udp, udplite, raw); missing trailing fields are 0 and clear in
// InetSocket::present, words of an IPv6 address the text does not reach are 0. No state is kept
// from row to row. Other lines
// become diagnostics (reason "bogus"). The address family of a row is decided by the length of
// its local address word, as netstat does, not by the file.
ParseResult<InetSocket> parse_inet_sockets(std::string_view text, InetProtocol protocol,
                                           IpVersion file_version, std::string_view file_name);

} // namespace netstat_audit
