// SPDX-License-Identifier: MIT
// --watch[=SECONDS]: poll the socket tables, print only the listeners and connections that were
// added or removed, as text lines or NDJSON events, until SIGINT, SIGTERM or a closed output.
#pragma once

#include "netstat_audit/collect.hpp"
#include "netstat_audit/model/process.hpp"
#include "netstat_audit/options.hpp"
#include "netstat_audit/output.hpp"
#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/report/watch_diff.hpp"

#include <vector>

namespace netstat_audit {

// Polls every options.watch_seconds with the files `options` selects (-p adds the process walk,
// which is what puts executables into the keys). -l watches listeners only, anything else both
// listeners and connections. Returns 0 on SIGINT, SIGTERM or a reader that went away.
int run_watch(const Options& options, const ProcFs& proc, const Output& output);

// The watched sockets of one poll: rows `filter` shows that some process holds (inode != 0;
// TIME_WAIT and orphaned sockets belong to nobody and are not watched). `executables` (ascending
// pid) names owners by /proc/PID/exe; without it argv[0] stands in.
std::vector<WatchItem> collect_watch_items(const SocketTables& tables, ListingFilter filter,
                                           const std::vector<ProcessInfo>& executables);

// "TIMESTAMP added|removed PROTO LOCAL REMOTE STATE PID/NAME EXECUTABLE\n", program texts made
// terminal-safe (escape_program_text), "-" for what is unknown.
std::string render_watch_line(const WatchEvent& event, std::int64_t unix_ns);

// The record of one change (event.action "socket-added" / "socket-removed", event.type
// ["start"] / ["end"], ECS endpoints and process, netstat_audit.socket facts).
Json watch_event_json(const WatchEvent& event);

} // namespace netstat_audit
