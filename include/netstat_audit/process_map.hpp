// SPDX-License-Identifier: MIT
// Socket inode → owning process, from a walk of /proc/[pid]/fd (spec §5).
#pragma once

#include "netstat_audit/proc_fs.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>

namespace netstat_audit {

// The process that holds a socket, as read from /proc (no netstat text rules applied).
struct ProcessOwner {
    std::int32_t pid = 0;
    std::string argv0; // first NUL-terminated string of /proc/PID/cmdline (raw bytes)
};

// What the walk found. `access_denied` is set when some /proc/PID/fd could not be opened with
// EACCES (netstat's notice depends on it); vanished processes are not errors.
struct ProcessMap {
    std::unordered_map<std::uint64_t, ProcessOwner> by_inode;
    bool access_denied = false;
    bool proc_unreadable = false; // the proc root itself could not be listed
};

// Walks every numeric entry of the proc root; the first process (in directory order) that
// holds an inode owns it, like netstat. Never fails: unreadable parts are skipped.
ProcessMap build_process_map(const ProcFs& proc);

// The `-p` column text: "PID/program" cut to 19 bytes, or "-" when the inode has no owner.
std::string render_program_column(const ProcessMap& map, std::uint64_t inode);

// netstat's stderr notice for a walk that hit EACCES (empty when there is nothing to say).
std::string render_process_map_notice(const ProcessMap& map, unsigned effective_uid);

} // namespace netstat_audit
