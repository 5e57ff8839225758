// SPDX-License-Identifier: MIT
// `netstat-audit summary`: the socket population of one snapshot, aggregated (pure; state
// texts are the socket views' own).
#pragma once

#include "netstat_audit/model/connection_health.hpp"
#include "netstat_audit/model/socket_filter.hpp"
#include "netstat_audit/model/socket_tables.hpp"
#include "netstat_audit/model/tcp_health.hpp"
#include "netstat_audit/parse/proc_status.hpp"
#include "netstat_audit/parse/sockstat.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace netstat_audit {

struct StateCount {
    std::string state; // netstat's State text ("ESTABLISHED"; "UNCONN" where netstat prints none)
    std::int64_t count = 0;
};

// One protocol label as netstat prints it (tcp, tcp6, udp, udp6, udpl, udpl6, raw, raw6, unix).
struct ProtocolCount {
    std::string protocol;
    std::int64_t total = 0;
    std::vector<StateCount> states; // in kernel state order
};

struct PeerCount {
    std::string address; // numeric, IPv6 in full (no cut -d: breakage)
    std::int64_t count = 0;
};

struct PortCount {
    std::uint16_t port = 0;
    std::int64_t count = 0;
    std::vector<StateCount> states; // the split, most frequent first
};

struct OwnerCount {
    // the -p column's bytes ("1234/nginx", program_column_bytes(): unescaped), "-" for sockets
    // without one
    std::string owner;
    std::int64_t count = 0;
};

// TIME_WAIT or CLOSE_WAIT: where they pile up.
struct HotSpot {
    std::string state;
    std::int64_t total = 0;
    std::vector<PortCount> local_ports;
    std::vector<PortCount> remote_ports;
    std::vector<OwnerCount> owners;
};

inline constexpr std::uint64_t k_unlimited = k_rlimit_unlimited; // ProcessSockets::max_open_files

// A process and the sockets it holds (inet and UNIX rows of this snapshot).
struct ProcessSockets {
    std::string pid;
    std::string owner; // the -p column's bytes (program_column_bytes(): unescaped)
    std::int64_t sockets = 0;
    std::optional<std::uint64_t> max_open_files; // soft RLIMIT_NOFILE; k_unlimited; nullopt unknown
};

struct Summary {
    std::int64_t total = 0;
    std::vector<ProtocolCount> protocols;
    std::vector<PeerCount> peers;       // tcp and udp rows with a peer (netstat -ntu's rows)
    std::vector<PortCount> local_ports; // tcp rows with a peer, by local port
    std::vector<HotSpot> hot_spots;     // TIME_WAIT, CLOSE_WAIT
    std::vector<ProcessSockets> processes;
    std::vector<SockstatLine> sockstat; // sockstat then sockstat6
    HealthSummary health;
};

// Aggregates the inet and UNIX rows of `tables` that pass `filter` (carry-over applied as
// netstat shows them; owners from tables.processes). Each ranked list keeps the `top` largest
// (ties by key); protocol counts are complete. max_open_files, sockstat and health.source are
// left for the caller (the reading stage); health groups come from rows that carry tcp_info.
Summary build_summary(const SocketTables& tables, const SocketFilter& filter, std::size_t top);

} // namespace netstat_audit
