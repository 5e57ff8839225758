// SPDX-License-Identifier: MIT
// /proc/PID/status, comm and cmdline → the process facts the audit reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// The fields of /proc/PID/status the audit needs (fs/proc/array.c):
//
//   Name:   sshd
//   PPid:   1
//   Uid:    0       0       0       0        (real, effective, saved, filesystem)
//   CapEff: 000001ffffffffff                 (hex bit mask)
struct ProcStatus {
    std::string name; // "Name:" (comm, with the kernel's escapes of \n and \\ as written)
    std::optional<std::int32_t> ppid;
    std::optional<std::uint32_t> real_uid;
    std::optional<std::uint32_t> effective_uid;
    std::optional<std::uint64_t> cap_effective;
};

// Reads the lines it knows and ignores the rest; a known line whose value does not parse leaves
// its field empty. Never fails: an empty or foreign text gives an empty ProcStatus.
ProcStatus parse_proc_status(std::string_view text);

// /proc/PID/cmdline: arguments separated (and normally ended) by NUL bytes. A final NUL does
// not start another argument; an empty text is an empty argv (kernel threads, zombies).
// setproctitle() may leave a single argument holding blanks ("sshd: root@pts/0"); it is kept.
std::vector<std::string> parse_cmdline(std::string_view text);

// /proc/PID/comm: the text without its one trailing newline.
std::string parse_comm(std::string_view text);

// RLIM_INFINITY, which /proc/PID/limits prints as "unlimited".
inline constexpr std::uint64_t k_rlimit_unlimited = UINT64_MAX;

// The soft limit of the "Max open files" line of a /proc/PID/limits text (fs/proc/base.c):
//
//   Limit                     Soft Limit           Hard Limit           Units
//   Max open files            1024                 524288               files
//
// k_rlimit_unlimited for "unlimited"; nullopt when the line is absent or its value is no number.
std::optional<std::uint64_t> parse_nofile_soft_limit(std::string_view text);

} // namespace netstat_audit
