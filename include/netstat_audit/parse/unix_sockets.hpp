// SPDX-License-Identifier: MIT
// Parser for /proc/net/unix.
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/socket.hpp"

#include <string_view>

namespace netstat_audit {

// Parses /proc/net/unix. Sample:
//   Num       RefCount Protocol Flags    Type St Inode Path
//   0000000000000000: 00000002 00000000 00010000 0001 01 7001 /run/listen.sock
// The header decides whether an Inode column exists. A line needs the fields through "St";
// others become diagnostics. The path is the next blank-delimited word (netstat cuts a path at
// its first blank).
ParseResult<UnixSocket> parse_unix_sockets(std::string_view text, std::string_view file_name);

} // namespace netstat_audit
