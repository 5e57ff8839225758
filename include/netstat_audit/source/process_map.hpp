// SPDX-License-Identifier: MIT
// Socket inode → owning process, from a walk of /proc/[pid]/fd (netstat -p's rules).
#pragma once

#include "netstat_audit/model/socket_owners.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <cstdint>
#include <future>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// How the entries of a /proc/PID/fd directory are found. `automatic` tries fd numbers in
// ascending order on a real procfs (same entries, same order as its readdir, less kernel work)
// and lists the directory elsewhere; `listing` always lists (getdents64), like netstat.
enum class FdEnumeration : std::uint8_t { automatic, listing };

// How the walk runs; the result never depends on it.
struct ProcessWalkOptions {
    unsigned threads = 0; // 0: automatic (1 for small trees, else up to 4 or the core count)
    FdEnumeration fd_enumeration = FdEnumeration::automatic;
};

// Walks every all-digit entry of the proc root in readdir order with netstat's rules (golden cases
// tanp, perm_tanp); the first process that holds an inode owns it. Never fails: unreadable or
// vanished parts are skipped; EACCES on a fd directory and an unopenable root are reported in the
// flags.
ProcessMap build_process_map(const ProcFs& proc, const ProcessWalkOptions& options = {});

// build_process_map() started on its own thread (falling back to a deferred call when no thread
// can be started), so that a caller can read the socket tables meanwhile. `proc` is copied.
std::future<ProcessMap> start_process_map(ProcFs proc, ProcessWalkOptions options = {});

} // namespace netstat_audit
