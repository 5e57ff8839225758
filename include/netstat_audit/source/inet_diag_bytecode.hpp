// SPDX-License-Identifier: MIT
// The port and address terms of a SocketFilter compiled into an inet_diag bytecode program
// (INET_DIAG_REQ_BYTECODE), so the kernel drops non-matching sockets before they are copied.
#pragma once

#include "netstat_audit/model/socket_filter.hpp"

#include <cstddef>
#include <vector>

namespace netstat_audit {

// The program for --sport, --dport, --src and --dst: the options ANDed, the items of one option
// ORed; a port range is S_GE/S_LE (D_GE/D_LE) on the host-order port, an address prefix an
// S_COND/D_COND hostcond of the prefix's family, which the kernel also matches against
// ::ffff:a.b.c.d in an IPv6 socket, as in_prefix() does. The kernel accepts a socket that runs
// off the program's end and drops one that jumps 4 bytes past it. The program keeps exactly
// the sockets matches() keeps on those four options, for sockets whose printed ports are the
// kernel's (TCP, UDP, UDP-Lite; raw prints remote port 0 whatever it is connected to).
// Empty when the filter has no such term (a range 0-65535 is no term) or the program would
// not fit the ops' 16-bit jumps.
std::vector<std::byte> compile_inet_diag_bytecode(const SocketFilter& filter);

} // namespace netstat_audit
