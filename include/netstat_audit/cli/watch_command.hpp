// SPDX-License-Identifier: MIT
// --watch[=SECONDS]: poll the socket tables, print only the listeners and connections that were
// added or removed, as text lines or NDJSON events, until SIGINT, SIGTERM or a closed output.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/model/process.hpp"
#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/report/watch_diff.hpp"
#include "netstat_audit/source/collect.hpp"

#include <unordered_map>
#include <vector>

namespace netstat_audit {

// Polls every options.watch_seconds with the files `options` selects (-p adds the process walk,
// which is what puts executables into the keys). -l watches listeners only, anything else both
// listeners and connections. Returns 0 on SIGINT, SIGTERM or a reader that went away.
int run_watch(const Options& options, const ProcFs& proc, const Output& output);

// Socket inode → the executable the previous poll named for it.
using InodeExecutables = std::unordered_map<std::uint64_t, std::string>;

// The watched sockets of one poll: rows `filter` shows that some process holds (inode != 0;
// TIME_WAIT and orphaned sockets belong to nobody and are not watched). The executable of a
// socket is its owner's /proc/PID/exe from `executables` (ascending pid); when that cannot be
// read (a process exiting drops its exe before its fds) or the walk missed the owner, the
// executable `previous` named for the same inode, else the owner's argv[0], else empty. So a
// socket keeps its key for as long as it lives.
std::vector<WatchItem> collect_watch_items(const SocketTables& tables, ListingFilter filter,
                                           const std::vector<ProcessInfo>& executables,
                                           const InodeExecutables& previous);

// The inode → executable map of `items`, for the next poll.
InodeExecutables executables_by_inode(const std::vector<WatchItem>& items);

// "TIMESTAMP added|removed PROTO LOCAL REMOTE STATE PID/NAME EXECUTABLE\n", program texts made
// terminal-safe (escape_program_text), "-" for what is unknown.
std::string render_watch_line(const WatchEvent& event, std::int64_t unix_ns);

// The record of one change (event.action "socket-added" / "socket-removed", event.type
// ["start"] / ["end"], ECS endpoints and process, netstat_audit.socket facts).
Json watch_event_json(const WatchEvent& event);

} // namespace netstat_audit
