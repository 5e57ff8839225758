// SPDX-License-Identifier: MIT
// The reading stage of the audit's health checks: counters, gauges, limits and the sysctls they
// read, from a proc root laid out as the live /proc (a netstat-audit-capture's proc/ too):
//
//   ROOT/net/{snmp,netstat,dev,sockstat,sockstat6,softnet_stat}   counters and gauges
//   ROOT/sys/fs/{file-nr,file-max}, ROOT/sys/net/netfilter/nf_conntrack_{count,max}
//   ROOT/sys/net/...  the sysctls in k_health_sysctls, and conf/IF/{rp_filter,proxy_arp}
//   ROOT/PID/limits, ROOT/PID/fd/   per-process descriptors against RLIMIT_NOFILE
//   ROOT/uptime                     for "totals since boot (up N days)"
//   DIR/MANIFEST beside a captured DIR/proc: time-unix, the capture's time
#pragma once

#include "netstat_audit/audit/health.hpp"
#include "netstat_audit/model/snapshot.hpp"
#include "netstat_audit/source/proc_fs.hpp"

#include <array>
#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netstat_audit {

// The sysctls the health and hardening checks read, as paths below ROOT/sys/.
inline constexpr std::string_view k_health_sysctls[] = {
    "net/ipv4/tcp_max_tw_buckets",
    "net/ipv4/tcp_tw_reuse",
    "net/ipv4/tcp_max_orphans",
    "net/ipv4/tcp_mem",
    "net/ipv4/tcp_syncookies",
    "net/ipv4/ip_local_port_range",
    "net/ipv4/icmp_echo_ignore_broadcasts",
    "net/ipv4/icmp_ignore_bogus_error_responses",
    "net/ipv4/conf/all/accept_redirects",
    "net/ipv4/conf/all/secure_redirects",
    "net/ipv4/conf/all/accept_source_route",
    "net/ipv4/conf/all/rp_filter",
    "net/ipv4/conf/all/log_martians",
    "net/ipv4/conf/all/proxy_arp",
    "net/ipv6/conf/all/forwarding",
    "net/ipv6/conf/all/accept_ra",
    "net/ipv6/conf/default/accept_ra",
    "net/ipv6/conf/all/accept_redirects",
    "net/ipv6/conf/all/accept_source_route",
};

// What to read besides the counters.
enum class ProcessLimits : std::uint8_t { skip, read };  // PID/limits and fd counts
enum class HiddenSocketProbe : std::uint8_t { off, on }; // netlink against /proc (live only)

struct HiddenSocketReaders;

struct HealthCollectOptions {
    ProcessLimits limits = ProcessLimits::read;
    HiddenSocketProbe hidden = HiddenSocketProbe::off;
    // With `hidden` on: these readers instead of the live probe (tests plant a socket in one).
    const HiddenSocketReaders* hidden_readers = nullptr;
};

// Reads one sample below `proc`. Fills `snapshot.counters` (net/snmp, net/netstat) and adds the
// k_health_sysctls (and per-interface rp_filter/proxy_arp of `snapshot.interfaces`) to
// `snapshot.sysctls`; reads net/tcp{,6} itself when `snapshot.sockets` has no TCP table, else
// summarises its tcp_info (tcp_health, with snapshot.tcp_info as its source). The per-process
// fd use covers `snapshot.processes`. Never fails: what is missing stays empty.
HealthSample collect_health_sample(const ProcFs& proc, Snapshot& snapshot,
                                   const HealthCollectOptions& options);

// One read of the TCP and UDP tables: each row with its table's label ("tcp", "udp6").
using SocketRead = std::vector<std::pair<std::string, InetSocket>>;
// The sockets (with an inode: TIME_WAIT and request sockets churn) that both reads of one side
// hold and neither read of the other, in (label, inode) order.
std::vector<HiddenSocket> find_hidden_sockets(const std::array<SocketRead, 2>& proc_reads,
                                              const std::array<SocketRead, 2>& netlink_reads);

// The hidden-socket probe's two views of the TCP and UDP tables. Each call is one read of all of
// them, or why it failed (the probe then records "unavailable" with that text).
struct HiddenSocketReaders {
    std::function<std::expected<SocketRead, std::string>()> proc;
    std::function<std::expected<SocketRead, std::string>()> netlink;
};

// The live readers: net/{tcp,udp}{,6} text below `proc` (which must outlive them), and
// inet_diag dumps over one NETLINK_SOCK_DIAG socket opened at the first read ("NETLINK_SOCK_DIAG
// unavailable (...)" when the kernel or a sandbox refuses it).
HiddenSocketReaders live_hidden_socket_readers(const ProcFs& proc);

// Reads each side twice, in turn (proc, netlink, proc, netlink), and records in `sample` the
// sockets one side reported both times while the other omitted them both times (done), or why
// a read failed (unavailable, hidden_note).
void probe_hidden_sockets(const HiddenSocketReaders& readers, HealthSample& sample);

// The live probe: not_run unless `proc` is the kernel's procfs, else the live readers.
void probe_hidden_sockets(const ProcFs& proc, HealthSample& sample);

// The established sockets of `tables`' TCP tables with a non-empty queue.
std::vector<QueuedSocket> queued_sockets(const SocketTables& tables);

// Sums the first three columns (processed, dropped, time_squeeze) of net/softnet_stat.
CounterGroup parse_softnet_stat(std::string_view text);

} // namespace netstat_audit
