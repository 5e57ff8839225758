// SPDX-License-Identifier: MIT
// The reading stage of the audit: fills a Snapshot (sockets, packet sockets, processes, routes,
// interfaces, sysctls, host and visibility) from a proc root, live or captured.
#pragma once

#include "netstat_audit/model/snapshot.hpp"
#include "netstat_audit/source/host_facts.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// Everything below comes from the proc root, laid out as the live /proc is, so that a
// netstat-audit-capture's proc/ directory reads like the machine it was taken on:
//
//   ROOT/sys/kernel/{hostname,osrelease,random/boot_id}   host identity
//   ROOT/sys/net/ipv4/ip_unprivileged_port_start, ...     the sysctls in k_audit_sysctls
//   ROOT/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6,packet,route,ipv6_route,dev}
//   ROOT/PID/{status,comm,cmdline}, ROOT/PID/exe (link text, never followed), ROOT/PID/fd/N
//   ROOT/self/status, ROOT/self/mountinfo                 who collected, how /proc was mounted
//   DIR/MANIFEST (beside a captured DIR/proc)              "uid: N", "time-unix: N" of the capture
//
// Interface flags come from /sys/class/net/IF/flags live and from DIR/sys/class/net/IF/flags
// beside a captured DIR/proc; user names from the passwd database live and from DIR/etc/passwd
// offline (numeric uids when it is absent). The root "/proc" is live: the effective uid is
// geteuid() and hidepid is read from the mount, and the Internet socket tables come over netlink
// with tcp_info (a table whose dump fails from the text, as a capture's always do: then
// `tcp_info` says why its rows carry none); any other root is a capture.
// Never fails: what cannot be read is recorded in `diagnostics` and `visibility`.
Snapshot collect_audit_snapshot(const ProcFs& proc);

// Replaces the network namespace part of `snapshot` (socket tables, packet sockets, routes;
// interfaces, whose flags come from the host's sysfs, are cleared) with the tables under
// `tables` (a /proc/PID root of another namespace), keeping its processes, host and sysctls.
// Never fails: unreadable tables are recorded as collect_audit_snapshot() records them.
void collect_audit_network(const ProcFs& tables, Snapshot& snapshot);

// The sysctls the audit reads, as paths below ROOT/sys/.
inline constexpr std::string_view k_audit_sysctls[] = {
    "net/ipv4/ip_unprivileged_port_start",
    "net/ipv6/bindv6only",
    "net/ipv4/ip_forward",
};

// The hidepid= option of the proc mount at `mount_point` in a mountinfo text ("invisible",
// "noaccess", "2", ...), nullopt when that mount has none or hides nothing ("0", "off"). Of
// several proc mounts on `mount_point` the last listed (the visible one) counts.
std::optional<std::string> proc_hidepid_option(std::string_view mountinfo,
                                               std::string_view mount_point = "/proc");

} // namespace netstat_audit
