// SPDX-License-Identifier: MIT
// The audit's reading stage for the other network namespaces.
#pragma once

#include "netstat_audit/audit/netns_audit.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <vector>

namespace netstat_audit {

// Every namespace survey_namespaces() finds. Each other one that has a process to read it
// through (all of them as root: other users' ns links need it) is in `others`, in discovery
// order: `host` (the own namespace's collect_audit_snapshot()) with that namespace's tables
// (collect_audit_network() of its /proc/PID root); the rest are `unread`. Never fails.
NamespaceCollection collect_namespace_snapshots(const ProcFs& proc, const Snapshot& host);

} // namespace netstat_audit
