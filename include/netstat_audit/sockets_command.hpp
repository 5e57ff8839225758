// SPDX-License-Identifier: MIT
// One pass of the socket listing: which sections, in netstat's order, with its diagnostics.
#pragma once

#include "netstat_audit/options.hpp"
#include "netstat_audit/output.hpp"
#include "netstat_audit/proc_fs.hpp"

namespace netstat_audit {

// The sections a command line selects (spec §2.3), decided once per run.
struct SocketSelection {
    bool tcp = false, sctp = false, udp = false, udplite = false, raw = false;
    bool read_ipv4 = false;          // read the IPv4 file of each selected protocol
    bool read_ipv6 = false;          // read the IPv6 file
    bool implicit = false;           // protocols implied by a family option: no "no support" notes
    bool explicit_selection = false; // netstat's E: anything named on the command line
    bool inet_header = false;
    bool unix = false;
    bool groups = false;
};

// Applies netstat's section rules to the parsed options.
SocketSelection select_sockets(const Options& options);

// Prints one complete socket listing (titles, rows, -p notices, warnings) and returns the exit
// status netstat would give: 0, 1 for an explicitly requested family without support, 255 for
// an unexpected open error.
int run_socket_listing(const Options& options, const ProcFs& proc, const Output& output);

} // namespace netstat_audit
