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

// What the audit knows of one process. Fields stay empty/nullopt when /proc/PID could not be
// read (EACCES, vanished); `details_readable` tells the two cases apart from empty values.
struct ProcessInfo {
    std::int32_t pid = 0;
    std::optional<std::int32_t> ppid;           // status: PPid
    std::optional<std::uint32_t> uid;           // status: Uid (real)
    std::optional<std::uint32_t> effective_uid; // status: Uid (effective)
    std::string user;                           // login name of `uid` when known, else empty
    std::string comm;                           // /proc/PID/comm without the newline
    std::vector<std::string> argv;              // cmdline split at NULs (raw bytes)
    std::optional<std::string> exe; // readlink(exe) text, " (deleted)" and "memfd:" kept
    std::optional<std::uint64_t> cap_effective; // status: CapEff
    std::vector<SocketFd> socket_fds;           // in fd order
    bool details_readable = false;              // status and cmdline could be read
    bool fds_readable = false;                  // the fd directory could be listed
};

} // namespace netstat_audit
