// SPDX-License-Identifier: MIT
// --netns for the text views: each selected network namespace's view in turn.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/cli/output.hpp"
#include "netstat_audit/model/netns.hpp"
#include "netstat_audit/source/proc_fs.hpp"

namespace netstat_audit {

// Runs the view of `options.mode` (sockets, -i, -r, -s) once per namespace that options.netns
// selects, each preceded by render_netns_header() with --netns=all. The own namespace is read
// as without --netns. Another one is entered (fork, setns, the view as for the own namespace:
// netlink, ioctls) on the live system as root; otherwise its tables are read from
// /proc/PID/net of one of its processes (a capture's too), with owners from the whole walk,
// and -i, whose facts only an entered namespace gives, prints a message instead. Returns the
// first non-zero view status, 1 when --netns names nothing (with a message on stderr).
int run_netns_views(const Options& options, const ProcFs& proc, const Output& output);

// The proc root that shows `ns`'s net/ tables: ns.net_root, the proc root itself for the own one.
ProcFs netns_tables_root(const NetNamespace& ns, const ProcFs& proc);

} // namespace netstat_audit
