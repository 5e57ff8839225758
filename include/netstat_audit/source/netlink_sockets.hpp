// SPDX-License-Identifier: MIT
// The live kernel's sockets over NETLINK_SOCK_DIAG (inet_diag), decoded into the rows the
// /proc/net parsers produce, with exactly the numbers /proc/net/{tcp,udp,udplite,raw}{,6} print.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/socket.hpp"
#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/source/socket_source.hpp"

#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <optional>
#include <span>
#include <system_error>
#include <vector>

namespace netstat_audit {

// Kernel-side state masks (bit 1 << TcpState): what each listing filter can show. TCP's -l
// shows exactly the LISTEN sockets (the only /proc/net/tcp rows with remote port 0); the
// default view everything else. TCP_BOUND_INACTIVE (bit 13) is never asked for: /proc does
// not list bound, unconnected sockets.
inline constexpr std::uint32_t k_diag_all_states = 0x1FFE; // states 1..12
inline constexpr std::uint32_t k_diag_listen_states = 1U << 10;
inline constexpr std::uint32_t k_diag_connected_states = k_diag_all_states & ~k_diag_listen_states;

// One inet_diag dump: a protocol of one family, the kernel-side state mask, whether to ask
// for tcp_info (the only source of /proc's retransmit and probe counts for every TCP row; -o),
// and a bytecode program (compile_inet_diag_bytecode; empty: none) run on every socket.
struct InetDumpRequest {
    InetProtocol protocol = InetProtocol::tcp;
    IpVersion version = IpVersion::v4;
    std::uint32_t states = k_diag_all_states;
    bool tcp_info = false;
    std::span<const std::byte> bytecode = {};
};

// The health fields of one INET_DIAG_INFO payload (struct tcp_info, decoded by the length the
// kernel sent: fields past it are absent, see TcpHealth); nullopt when it is shorter than
// every kernel's tcp_info (up to tcpi_total_retrans).
std::optional<TcpHealth> decode_tcp_health(std::span<const std::byte> info);

// Decodes one inet_diag_msg payload (with its attributes) into the row /proc would print for
// that socket: LISTEN queues as /proc shows them (Recv-Q the accept backlog, Send-Q 0), the
// expiry in USER_HZ ticks, raw sockets' remote port 0. nullopt for a truncated message.
std::optional<InetSocket> decode_inet_diag(std::span<const std::byte> payload,
                                           const InetDumpRequest& request);

// Whether TCP dumps carry tcp_info for the rows' `health` (JSON records, summary, trigger);
// a text listing leaves it out, so its dump stays as small as the rows it prints.
enum class TcpHealthRequest : std::uint8_t { omit, request };

// A NETLINK_SOCK_DIAG socket; the descriptor is closed with the object.
class SockDiag {
public:
    // Opens the socket; an error when the kernel or a sandbox refuses it.
    static std::expected<SockDiag, std::error_code> open();

    SockDiag(SockDiag&& other) noexcept;
    SockDiag& operator=(SockDiag&& other) noexcept;
    SockDiag(const SockDiag&) = delete;
    SockDiag& operator=(const SockDiag&) = delete;
    ~SockDiag();

    // Dumps `request` and calls `row` for each socket in the kernel's hash order, which is the
    // order of the matching /proc file. An error (no diag module for the protocol, a truncated
    // or malformed reply) may come after some rows were delivered.
    std::expected<void, std::error_code>
    dump_inet(const InetDumpRequest& request, const std::function<void(const InetSocket&)>& row);

private:
    explicit SockDiag(int fd) : m_fd(fd) {}
    int m_fd = -1;
    std::uint32_t m_sequence = 0;
};

// Internet tables from sock_diag dumps of the live kernel, everything else from `fallback` (the
// /proc text source): UNIX sockets too, since unix_diag has no reference count and RefCnt is in
// every UNIX view. A dump that fails in any way (no netlink, no diag module for a protocol, a
// malformed reply) is replaced by the fallback's table, so the output does not change.
class NetlinkSocketSource final : public SocketSource {
public:
    // `filter` picks the kernel-side state mask, narrowed to `states` (the --state filter's
    // idiag_states-style mask, TCP only); `timers` (-o) and `health` ask for tcp_info;
    // `bytecode` (the port and address terms, compile_inet_diag_bytecode) runs in the kernel on
    // TCP, UDP and UDP-Lite dumps. A kernel that rejects the program (EINVAL) is asked again
    // without it.
    NetlinkSocketSource(const SocketSource& fallback, ListingFilter filter, bool timers,
                        std::uint32_t states = k_diag_all_states,
                        TcpHealthRequest health = TcpHealthRequest::omit,
                        std::vector<std::byte> bytecode = {});

    FileTable<InetSocket> read_inet(InetProtocol protocol, IpVersion version) const override;
    // Rows go to `visit` as the dump arrives. A dump that fails before its first row falls back
    // to the /proc stream; one that fails later (the kernel reports errors in its first reply,
    // so only a malformed reply can) ends the table where it failed.
    FileTable<InetSocket> stream_inet(InetProtocol protocol, IpVersion version,
                                      InetRowVisitor& visit) const override;
    FileTable<SctpEndpoint> read_sctp_endpoints(IpVersion version) const override {
        return m_fallback.read_sctp_endpoints(version);
    }
    FileTable<SctpAssociation> read_sctp_associations(IpVersion version) const override {
        return m_fallback.read_sctp_associations(version);
    }
    FileTable<UnixSocket> read_unix() const override { return m_fallback.read_unix(); }
    std::vector<FileTable<GroupMembership>> read_groups(bool ipv4, bool ipv6) const override {
        return m_fallback.read_groups(ipv4, ipv6);
    }
    bool has_legacy_family(Family family) const override {
        return m_fallback.has_legacy_family(family);
    }
    std::future<ProcessMap> start_process_walk() const override {
        return m_fallback.start_process_walk();
    }
    // Whether the TCP rows read so far carry tcp_info (asked for, and no TCP table fell back
    // to /proc text); when not, why (tcp_info_fallback_reason of the netlink error).
    TcpInfoSource tcp_info_source() const;

private:
    // Dumps one table into `row`; false on any netlink error.
    bool dump(InetProtocol protocol, IpVersion version,
              const std::function<void(const InetSocket&)>& row) const;

    const SocketSource& m_fallback;
    ListingFilter m_filter;
    bool m_timers;
    std::uint32_t m_states;
    TcpHealthRequest m_health;
    std::vector<std::byte> m_bytecode;
    mutable bool m_bytecode_rejected = false;
    mutable std::optional<SockDiag> m_diag; // opened at the first dump
    mutable bool m_open_tried = false;
    mutable std::error_code m_error;        // the last netlink failure (open or dump)
    mutable std::error_code m_tcp_fallback; // why a TCP table came from the fallback
};

// Whether the socket tables of `proc` come from netlink: never with --source proc or
// --proc-root; with --source netlink whenever the root is /proc; with auto (the default) when
// /proc is also the kernel's procfs (a tree mounted over /proc, as the goldens do, is read).
bool use_netlink_source(const Options& options, const ProcFs& proc);

} // namespace netstat_audit
