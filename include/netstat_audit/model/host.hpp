// SPDX-License-Identifier: MIT
// What a snapshot says about the machine it was taken on and how much of it could be seen.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace netstat_audit {

// Identity of the observed host and of the collection itself. Under --proc-root these come from
// the capture (sys/kernel/...), so an offline report names the captured machine.
struct HostInfo {
    std::string hostname;                  // sys/kernel/hostname
    std::string kernel_release;            // sys/kernel/osrelease
    std::string boot_id;                   // sys/kernel/random/boot_id
    std::int64_t collected_at_unix_ns = 0; // wall clock at the start of collection
    std::int64_t collection_duration_ns = 0;
    std::uint32_t effective_uid = 0; // of the collecting process (the capture's, offline)
    bool offline = false;            // read from --proc-root rather than the live /proc
};

// How much of /proc could be seen: "no findings" must never mean "could not see".
struct Visibility {
    bool root = false;                      // effective uid 0 (or a capture taken as root)
    bool hidepid = false;                   // /proc mounted with hidepid (other pids invisible)
    std::uint32_t processes_seen = 0;       // pid directories listed
    std::uint32_t processes_unreadable = 0; // fd directory or status denied (EACCES)
    std::uint32_t processes_vanished = 0;   // listed, then gone mid-walk
    std::vector<std::string> notes;         // plain-language reasons, e.g. "not run as root"
    bool complete() const { return root && !hidepid && processes_unreadable == 0 && notes.empty(); }
};

} // namespace netstat_audit
