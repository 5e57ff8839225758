// SPDX-License-Identifier: MIT
// Sockets as the kernel reports them: numbers and addresses, no netstat text.
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace netstat_audit {

enum class InetProtocol : std::uint8_t { tcp, udp, udplite, raw };

// The kernel's TCP states (include/net/tcp_states.h); /proc/net/tcp prints them in hex.
enum class TcpState : std::uint8_t {
    established = 1,
    syn_sent,
    syn_recv,
    fin_wait1,
    fin_wait2,
    time_wait,
    close,
    close_wait,
    last_ack,
    listen,
    closing,
    new_syn_recv,
};

// One row of /proc/net/{tcp,udp,udplite,raw}{,6}.
struct InetSocket {
    InetProtocol protocol = InetProtocol::tcp;
    IpVersion file_version = IpVersion::v4; // which file it came from (tcp vs tcp6)
    Endpoint local;
    Endpoint remote;
    std::uint32_t state = 0; // "st": TcpState for tcp, raw number otherwise
    std::uint64_t tx_queue_bytes = 0;
    std::uint64_t rx_queue_bytes = 0;
    std::uint32_t timer_kind = 0;    // "tr": 0 none, 1 retransmit, 2 keepalive, 3 timewait, 4 probe
    std::uint64_t timer_jiffies = 0; // "tm->when", in USER_HZ ticks
    std::uint64_t retransmits = 0;   // "retrnsmt" (a long in netstat)
    std::int32_t uid = 0;
    std::int32_t timeout = 0;
    std::uint64_t inode = 0;
};

// One row of /proc/net/unix.
struct UnixSocket {
    std::uint64_t refcount = 0;
    std::uint64_t protocol = 0;
    std::uint64_t flags = 0;            // __SO_ACCEPTCON 0x10000, and netstat's W/N bits
    std::uint32_t type = 0;             // SOCK_STREAM 1, SOCK_DGRAM 2, ...
    std::uint32_t state = 0;            // SS_FREE 0, SS_UNCONNECTED 1, SS_CONNECTING 2, ...
    std::optional<std::uint64_t> inode; // nullopt: the file has no Inode column (pre-2.2)
    std::string path;                   // empty when unnamed; abstract names keep their '@'
};

inline constexpr std::uint64_t k_unix_flag_accept = 0x10000;
inline constexpr std::uint64_t k_unix_flag_wait_data = 0x20000;
inline constexpr std::uint64_t k_unix_flag_no_space = 0x40000;

} // namespace netstat_audit
