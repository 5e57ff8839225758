// SPDX-License-Identifier: MIT
// What a snapshot says about the machine it was taken on and how much of it could be seen.
#pragma once

#include <cstdint>
#include <optional>
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
    // Of the collecting process: geteuid() live; a capture's self/status (the capturing
    // shell's own process) offline, nullopt when the capture has none.
    std::optional<std::uint32_t> effective_uid;
    bool offline = false;  // read from --proc-root rather than the live /proc
    std::string proc_root; // the directory that stood for /proc
    // Interfaces that are ports of a bridge (sys/class/net/IF/brport exists): a bridge holds
    // its ports promiscuous by design.
    std::vector<std::string> bridge_ports;
};

// How much of /proc could be seen: "no findings" must never mean "could not see".
struct Visibility {
    bool root = false;                      // effective uid 0 (or a capture taken as root)
    bool hidepid = false;                   // /proc mounted with hidepid (other pids invisible)
    std::uint32_t processes_seen = 0;       // pid directories listed and read
    std::uint32_t processes_unreadable = 0; // fd directory or status denied (EACCES)
    std::uint32_t processes_vanished = 0;   // listed, then gone mid-walk
    std::vector<std::string> notes;         // plain-language reasons, e.g. "not run as root"
    bool complete() const { return root && !hidepid && processes_unreadable == 0 && notes.empty(); }
};

// Whether the collection saw what root sees: effective uid 0, or a capture that does not say
// who took it (taken at its word).
inline bool collected_as_root(const HostInfo& host) {
    return !host.effective_uid || *host.effective_uid == 0;
}

// The Visibility note of a collection that was not made as root (!collected_as_root(host)).
inline std::string not_root_note(const HostInfo& host) {
    return "not run as root (uid " + std::to_string(host.effective_uid.value_or(0)) +
           "): other users' sockets cannot be matched to processes";
}

} // namespace netstat_audit
