// SPDX-License-Identifier: MIT
// Per-connection TCP health as the kernel's struct tcp_info reports it (netlink INET_DIAG_INFO
// only: /proc/net/tcp text has none of it, so a row read from /proc never carries one).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// The fields of tcp_info the health checks read. Every field up to total_retrans exists in
// every kernel's tcp_info (a shorter one is not decoded); segs_out (Linux 4.2) and
// delivery_rate (4.9) only when the kernel's struct reached them, which the flags say.
struct TcpHealth {
    std::uint32_t rtt_us = 0;        // tcpi_rtt: smoothed round-trip time
    std::uint32_t rttvar_us = 0;     // tcpi_rttvar
    std::uint32_t total_retrans = 0; // tcpi_total_retrans: segments retransmitted, lifetime
    std::uint32_t lost = 0;          // tcpi_lost: segments now presumed lost
    std::uint32_t snd_cwnd = 0;      // tcpi_snd_cwnd: segments
    std::uint32_t segs_out = 0;      // tcpi_segs_out: valid when has_segs_out
    std::uint64_t delivery_rate_bytes_per_second = 0; // tcpi_delivery_rate: has_delivery_rate
    std::uint8_t retransmits = 0;                     // tcpi_retransmits: of the pending timeout
    bool has_segs_out = false;
    bool has_delivery_rate = false;
};

// RTT percentiles and retransmission share of a group of connections (one peer, one service).
struct HealthGroup {
    std::string key; // the peer's address, the service's port
    std::int64_t connections = 0;
    double rtt_p50_ms = 0;
    double rtt_p95_ms = 0;
    std::uint64_t total_retrans = 0; // sum of tcpi_total_retrans
    std::uint64_t segs_out = 0;      // sum of tcpi_segs_out (connections that report it)
    // total_retrans / segs_out over the connections reporting segs_out; nullopt when none sent.
    std::optional<double> retrans_share;
};

// The samples of one group, added one connection at a time.
struct HealthSamples {
    std::vector<std::uint32_t> rtt_us;
    std::uint64_t total_retrans = 0;
    std::uint64_t segs_out = 0;
    std::uint64_t retrans_with_segs_out = 0;

    void add(const TcpHealth& health);
    // The group's figures; percentiles by nearest rank (0 for an empty group).
    HealthGroup summarise(std::string key) const;
};

// The value at `fraction` (0.5, 0.95) of `values` by the nearest-rank method (the smallest value
// with at least that share of the values at or below it); 0 for no values. Sorts `values`.
double nearest_rank_ms(std::vector<std::uint32_t>& values_us, double fraction);

// Every group summarised, worst p95 RTT first (ties by key), the first `top` kept.
std::vector<HealthGroup> rank_health(const std::map<std::string, HealthSamples>& groups,
                                     std::size_t top);

// Why rows read from /proc text carry no health (a capture, --proc-root, --source proc).
inline constexpr std::string_view k_tcp_info_needs_netlink =
    "tcp_info needs the netlink source: the live kernel, no --proc-root";

// Whether the TCP rows of one read carry tcp_info (they came over netlink with INET_DIAG_INFO)
// and, when they do not, why: the reports say so in one line, never with zeros.
struct TcpInfoSource {
    bool available = false;
    std::string reason{k_tcp_info_needs_netlink}; // when !available
};

// The reason of a live read whose netlink dump failed and fell back to /proc text, from the
// error's message: "netlink unavailable: Operation not permitted".
std::string tcp_info_fallback_reason(std::string_view error_message);

// Health of the established TCP connections (tcp_info): all of them, per remote peer, and per
// local service (a local port some TCP socket listens on). Set by the reading stage: without
// tcp_info every figure is empty, never invented.
struct HealthSummary {
    TcpInfoSource source;
    HealthGroup all;
    std::vector<HealthGroup> peers;    // worst p95 RTT first
    std::vector<HealthGroup> services; // key: the local port
};

} // namespace netstat_audit
