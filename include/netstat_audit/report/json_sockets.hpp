// SPDX-License-Identifier: MIT
// Socket rows → JSON records: ECS source/destination/network/process/user fields, the kernel's
// own facts under netstat_audit.socket.
#pragma once

#include "netstat_audit/model/socket_filter.hpp"

#include "netstat_audit/model/packet.hpp"
#include "netstat_audit/model/process.hpp"
#include "netstat_audit/report/json_text.hpp"
#include "netstat_audit/source/collect.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <vector>

namespace netstat_audit {

// What a socket record may be enriched with. Every pointer may be null.
struct SocketJsonContext {
    const ProcessMap* owners = nullptr;                  // -p: inode → process
    const std::vector<ProcessInfo>* processes = nullptr; // ascending pid: executable when known
    // Names added beside the numbers (source.domain, destination.domain,
    // netstat_audit.socket.{local,remote}_service, user.name), each only when `names` is given
    // and `numeric` does not forbid that kind; an answer that is an address literal is no name.
    Resolver* names = nullptr;
    NumericFlags numeric{true, true, true};
    // The filter options (--state, --sport, ...): only rows that pass it become records; its
    // owner terms read `owners`. nullptr: every row.
    const SocketFilter* rows = nullptr;
};

// The kernel's name of a TCP state ("LISTEN", "TIME_WAIT"; tcp_states.h without TCP_), or an
// empty view for a number it does not define.
std::string_view kernel_tcp_state_name(std::uint32_t state);

// netstat_audit.socket.tcp_info: {rtt_us, rttvar_us, retransmits, total_retrans, lost,
// snd_cwnd} and, when the kernel's tcp_info has them, segs_out and
// delivery_rate_bytes_per_second.
Json to_json(const TcpHealth& health);

// One row of /proc/net/{tcp,udp,udplite,raw}{,6}:
//   network.{transport, type}, source.{ip, port}, destination.{ip, port} (local, remote),
//   user.id (ECS keyword: decimal text), process.{pid, name, executable} when owned, and
//   netstat_audit.socket.{protocol ("tcp6"), file, state, state_code, listening,
//   tx_queue_bytes, rx_queue_bytes, timer {name, code, jiffies, retransmits}, timeout, uid,
//   inode}, and tcp_info when the row came from netlink with tcp_info (never from /proc text).
//   Addresses are numeric and complete (inet_ntop).
Json to_json(const InetSocket& socket, const SocketJsonContext& context);

// One row of /proc/net/unix: netstat_audit.socket.{protocol "unix", type, type_code, state,
// state_code, listening, flags [ACC, W, N], flags_code, refcount, inode, path, abstract}.
Json to_json(const UnixSocket& socket, const SocketJsonContext& context);

// SCTP endpoint / association: the first addresses as source/destination, all of them in
// netstat_audit.socket.{local_addresses, remote_addresses}.
Json to_json(const SctpEndpoint& endpoint, const SocketJsonContext& context);
Json to_json(const SctpAssociation& association, const SocketJsonContext& context);

// One row of /proc/net/packet.
Json to_json(const PacketSocket& socket, const SocketJsonContext& context);

// Every row of `tables` that `filter` shows (netstat's -l/-a rules), in netstat's section
// order (tcp, sctp, udp, udplite, raw, unix); groups are not sockets (see json_groups.hpp).
std::vector<Json> socket_records(const SocketTables& tables, ListingFilter filter,
                                 const SocketJsonContext& context);

// The diagnostics of a pass: a file that could not be opened ({"file", "line": 0, "reason"}
// with the strerror text) and every skipped line, in section order.
std::vector<Diagnostic> socket_diagnostics(const SocketTables& tables);

} // namespace netstat_audit
