// SPDX-License-Identifier: MIT
// The reading stage: which sources a command line needs (netstat's section rules), read and
// parsed into a Snapshot. No text is produced here; the views render what this stage returns.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/snapshot.hpp"
#include "netstat_audit/model/socket_tables.hpp"
#include "netstat_audit/source/interface_info.hpp"
#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/source/socket_source.hpp"

namespace netstat_audit {

// Applies netstat's section rules to the parsed options.
SocketSelection select_sockets(const Options& options);

// Reads and parses every socket table `selection` needs from `source`, including files past a
// point where netstat would stop (the presenter decides what is shown). For -p the /proc walk
// runs on another thread while the tables are read. Never fails: open errors are recorded per
// table.
// With InetTables::streamed the Internet tables are left out (a streamed listing reads them
// from the source itself, row by row).
enum class InetTables : std::uint8_t { read, streamed };
SocketTables collect_socket_tables(const SocketSource& source, const SocketSelection& selection,
                                   InetTables inet = InetTables::read);
// The same from /proc text under `proc`.
SocketTables collect_socket_tables(const ProcFs& proc, const SocketSelection& selection);

// The route part (-r): net/route and net/rt_cache for inet (as -F/-C ask), net/ipv6_route for
// inet6, into routes_v4/routes_v6; a route header that lacks a column is the file's
// format_error.
void collect_routes(const ProcFs& proc, const Options& options, Snapshot& snapshot);
// The counter part (-s): snmp, netstat and sctp/snmp into counters, or for -6 snmp6 into
// counters_v6 and snmp into counters. A missing snmp ends the IPv4 collection, as in netstat.
void collect_counters(const ProcFs& proc, const Options& options, Snapshot& snapshot);
// One counter file of the -s collectors, read as its name says (net/snmp6 as snmp6,
// net/sctp/snmp as sctp counters, anything else as snmp/netstat line pairs): the attempt goes to
// `snapshot.files`, skipped lines to `snapshot.diagnostics`; returns the file's groups (none when
// it could not be read). collect_counters and the JSON statistics view both read through it.
std::vector<CounterGroup> collect_counter_file(const ProcFs& proc, std::string_view relative,
                                               Snapshot& snapshot);
// The interface part (-i): /proc/net/dev and the IPv4 labels in netstat's order, each with its
// facts from `source`, stopping at the first interface whose facts cannot be read; if_inet6
// for -ie.
void collect_interfaces(const ProcFs& proc, const InterfaceInfoSource& source,
                        const Options& options, Snapshot& snapshot);

// Where the collectors read: the proc root, interface facts, socket tables.
struct Sources {
    const ProcFs& proc;
    const InterfaceInfoSource& interfaces;
    const SocketSource& sockets;
};

// The parts of a Snapshot that `options` needs for its view (mode): sockets for the listing,
// routes for -r, counters for -s, interfaces for -i. Every file tried is listed in
// `snapshot.files` with its open error; malformed lines are diagnostics. Never fails.
Snapshot collect_snapshot(const Sources& sources, const Options& options);

} // namespace netstat_audit
