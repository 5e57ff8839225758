// SPDX-License-Identifier: MIT
// Processes as /proc/[pid] describes them: identity, executable, and which fds are sockets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

// One fd of a process that is a socket (`socket:[INODE]`), fds 0-2 included.
struct SocketFd {
    std::int32_t fd = 0;
    std::uint64_t inode = 0;
};

// Linux capability bits the audit asks about (include/uapi/linux/capability.h).
inline constexpr unsigned k_cap_net_bind_service = 10;
inline constexpr unsigned k_cap_net_admin = 12;
inline constexpr unsigned k_cap_net_raw = 13;

// Why the exe link has no text.
enum class ExeState : std::uint8_t {
    known,   // `exe` holds the link text
    absent,  // ENOENT: a kernel thread or a zombie has no executable
    denied,  // EACCES: another user's process seen without privilege
    unknown, // not read (a capture without exe links)
};

// What the audit knows of one process. Fields stay empty/nullopt when /proc/PID could not be
// read (EACCES, vanished); `details_readable` tells the two cases apart from empty values.
struct ProcessInfo {
    std::int32_t pid = 0;
    std::optional<std::int32_t> ppid;           // status: PPid
    std::optional<std::uint32_t> uid;           // status: Uid (real)
    std::optional<std::uint32_t> effective_uid; // status: Uid (effective)
    std::string user;                           // login name of `effective_uid`, else empty
    std::string comm;                           // /proc/PID/comm without the newline
    std::vector<std::string> argv;              // cmdline split at NULs (raw bytes)
    std::optional<std::string> exe; // readlink(exe) text, " (deleted)" and "memfd:" kept
    ExeState exe_state = ExeState::unknown;
    std::optional<std::uint64_t> cap_effective; // status: CapEff
    std::vector<SocketFd> socket_fds;           // in fd order
    bool details_readable = false;              // status could be read
    bool fds_readable = false;                  // the fd directory could be listed
    bool kernel_thread = false; // a child of kthreadd (PPid 2) or kthreadd itself, no cmdline

    bool has_capability(unsigned bit) const {
        return cap_effective && bit < 64 && ((*cap_effective >> bit) & 1u) != 0;
    }
};

} // namespace netstat_audit
