// SPDX-License-Identifier: MIT
// Sockets as the kernel reports them: numbers and addresses, no netstat text.
#pragma once

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/model/tcp_health.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netstat_audit {

enum class InetProtocol : std::uint8_t { tcp, udp, udplite, raw };

// The protocol's name as netstat's Proto column spells it for a row of the IPv4 or the IPv6
// file: tcp, udp, udpl, raw, or with a 6 (golden cases in sockets.cases). The socket listing,
// -s --summary, --watch and the JSON "protocol" field all use it.
constexpr std::string_view inet_protocol_name(InetProtocol protocol, IpVersion file_version) {
    constexpr std::string_view k_names[4][2] = {
        {"tcp", "tcp6"}, {"udp", "udp6"}, {"udpl", "udpl6"}, {"raw", "raw6"}};
    return k_names[static_cast<std::size_t>(protocol)][file_version == IpVersion::v6 ? 1 : 0];
}

// Which optional trailing fields of an inet socket row its text had (InetSocket::present).
namespace inet_field {
inline constexpr std::uint8_t k_retransmits = 0x1;
inline constexpr std::uint8_t k_uid = 0x2;
inline constexpr std::uint8_t k_timeout = 0x4;
inline constexpr std::uint8_t k_inode = 0x8;
inline constexpr std::uint8_t k_all = 0xF;
} // namespace inet_field

// One row of /proc/net/{tcp,udp,udplite,raw}{,6}, as the row itself says: a field the row
// lacks is 0 and its bit in `present` is clear (netstat's display of such rows, which reuses
// earlier rows' values, is view/sockets_view.hpp's InetCarryOver).
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
    std::uint8_t present = inet_field::k_all; // inet_field bits of the fields the row had
    // IPv6 only: how many of the four 32-bit words of each address the text reached; the
    // words it did not reach are 0.
    std::uint8_t local_words = 4;
    std::uint8_t remote_words = 4;
    // TCP only, from a netlink dump that asked for tcp_info; nullopt from /proc text.
    std::optional<TcpHealth> health;
};

// One row of /proc/net/unix.
struct UnixSocket {
    std::uint64_t refcount = 0;
    std::uint64_t protocol = 0;
    std::uint64_t flags = 0;            // __SO_ACCEPTCON 0x10000, and netstat's W/N bits
    std::uint32_t type = 0;             // SOCK_STREAM 1, SOCK_DGRAM 2, ...
    std::uint32_t state = 0;            // SS_FREE 0, SS_UNCONNECTED 1, SS_CONNECTING 2, ...
    std::optional<std::uint64_t> inode; // nullopt: the row has no inode
    std::string path;                   // empty when unnamed; abstract names keep their '@'
    bool inode_column = true;           // false: the file has no Inode column (pre-2.2)
};

inline constexpr std::uint64_t k_unix_flag_accept = 0x10000;
inline constexpr std::uint64_t k_unix_flag_wait_data = 0x20000;
inline constexpr std::uint64_t k_unix_flag_no_space = 0x40000;

} // namespace netstat_audit
