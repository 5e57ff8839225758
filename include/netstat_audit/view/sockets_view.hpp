// SPDX-License-Identifier: MIT
// netstat-exact text for the Internet and UNIX socket tables (sockets.cases).
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/socket.hpp"
#include "netstat_audit/model/socket_owners.hpp"
#include "netstat_audit/view/programs.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <optional>
#include <string>

namespace netstat_audit {

// The socket-table switches that change text, taken from Options.
struct SocketViewOptions {
    ListingFilter filter = ListingFilter::connected;
    bool wide = false;                    // -W
    bool extend = false;                  // -e (any count)
    bool timers = false;                  // -o
    const ProcessMap* programs = nullptr; // -p: the walk's result, else no column
};

// netstat scans every row of a socket file into the same variables, so a row that lacks a
// trailing field (RETR, UID, TIMEOUT, INODE) shows the previous row's value, and an IPv6
// address too short for all four words keeps the words of the address scanned before it (the
// same row's local address, or the previous row's remote). The first row gets 0. Apply one
// InetCarryOver to the rows of one file in order, before any filter (unit tests
// InetCarryOver.*; differential suite "sockets", which probes these scan rules).
class InetCarryOver {
public:
    // `socket` as netstat prints it after the rows passed in before it.
    InetSocket apply(const InetSocket& socket);

private:
    std::uint64_t m_retransmits = 0;
    std::int32_t m_uid = 0;
    std::int32_t m_timeout = 0;
    std::uint64_t m_inode = 0;
    ProcIpv6Words m_words{};
};

// The same for /proc/net/unix: a row without INODE shows the previous row's inode (0 at first),
// with or without an Inode column in the header; the path does not carry over (unit test
// UnixCarryOver.*).
class UnixCarryOver {
public:
    UnixSocket apply(const UnixSocket& socket);

private:
    std::uint64_t m_inode = 0;
};

// "Active Internet connections (...)" title line, newline included.
std::string render_inet_title(ListingFilter filter);
// The Internet header line with the optional column headings, trailing blanks kept.
std::string render_inet_header(const SocketViewOptions& options);
// True when `filter` shows this socket (tcp: remote port 0 = server; others: remote address 0).
bool is_shown(const InetSocket& socket, ListingFilter filter);
// Appends one row (newline included) for `socket`.
void render_inet_row(std::string& out, const InetSocket& socket, NameResolver& resolver,
                     const SocketViewOptions& options);

// The "HOST:PORT" text of an endpoint: cut to 23 bytes unless `wide` (golden case tcp_long).
std::string render_endpoint(std::string_view host, std::string_view port, bool wide);
// netstat's tcp state name for 0x00-0x0B (empty for 0), nullopt past its table; SCTP's "SST"
// uses the same table.
std::optional<std::string_view> tcp_state_name(std::uint32_t state);

// The State column text (without padding).
std::string render_inet_state(const InetSocket& socket);
// The Timer column text (golden cases timers_*).
std::string render_timer(const InetSocket& socket);

// "Active UNIX domain sockets (...)" title line.
std::string render_unix_title(ListingFilter filter);
// The UNIX header line.
std::string render_unix_header(const SocketViewOptions& options);
// True when `filter` shows this UNIX socket (listening = unconnected with ACC flag).
bool is_shown(const UnixSocket& socket, ListingFilter filter);
// The name of the state netstat's State column leaves blank (an unconnected UDP or raw socket,
// an unconnected UNIX socket that does not listen) where a name is needed: summary counts.
inline constexpr std::string_view k_unconnected_state_label = "UNCONN";
// The state of a UNIX socket by name: FREE, LISTENING (SS_UNCONNECTED with __SO_ACCEPTCON),
// k_unconnected_state_label (SS_UNCONNECTED otherwise), CONNECTING, CONNECTED, DISCONNECTING,
// UNKNOWN past those. render_unix_row() prints it, blank for k_unconnected_state_label.
std::string_view unix_state_label(const UnixSocket& socket);
// Appends one UNIX row (newline included).
void render_unix_row(std::string& out, const UnixSocket& socket, const SocketViewOptions& options);

} // namespace netstat_audit
