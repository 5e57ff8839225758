// SPDX-License-Identifier: MIT
// Row filters for the socket views (--state, --sport, --dport, --src, --dst, --pid, --user,
// --program): plain data and a pure predicate over model rows and their owner, so the text
// listing, JSON and summary share it and a netlink source can translate the state bits and
// port ranges into inet_diag bytecode.
#pragma once

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/model/socket.hpp"
#include "netstat_audit/model/socket_owners.hpp"

#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace netstat_audit {

// Kernel TCP state numbers (include/net/tcp_states.h); udp and raw sockets use 1 and 7 too.
namespace tcp_state {
inline constexpr std::uint32_t k_established = 1;
inline constexpr std::uint32_t k_syn_sent = 2;
inline constexpr std::uint32_t k_syn_recv = 3;
inline constexpr std::uint32_t k_fin_wait1 = 4;
inline constexpr std::uint32_t k_fin_wait2 = 5;
inline constexpr std::uint32_t k_time_wait = 6;
inline constexpr std::uint32_t k_close = 7;
inline constexpr std::uint32_t k_close_wait = 8;
inline constexpr std::uint32_t k_last_ack = 9;
inline constexpr std::uint32_t k_listen = 10;
inline constexpr std::uint32_t k_closing = 11;
} // namespace tcp_state

// Bit (1 << state) per kernel state: the same layout as inet_diag's idiag_states.
using StateMask = std::uint32_t;

struct PortRange {
    std::uint16_t first = 0;
    std::uint16_t last = 0;
};

// An address with a prefix length (32 or 128 for a single address).
struct AddressPrefix {
    IpAddress address;
    std::uint8_t prefix_bits = 0;
};

// Every filter option of one command line. Each non-empty member must match (AND); within a
// member any element may match (OR). An empty filter matches every row.
struct SocketFilter {
    StateMask states = 0; // 0: any state
    std::vector<PortRange> source_ports;
    std::vector<PortRange> destination_ports;
    std::vector<AddressPrefix> sources;
    std::vector<AddressPrefix> destinations;
    std::vector<std::string> pids;     // as /proc lists them
    std::vector<std::int64_t> uids;    // --user, resolved to numbers
    std::vector<std::string> programs; // program names as the -p column shows them

    bool empty() const {
        return states == 0 && source_ports.empty() && destination_ports.empty() &&
               sources.empty() && destinations.empty() && pids.empty() && uids.empty() &&
               programs.empty();
    }
    // --pid and --program need the /proc walk (the -p map).
    bool needs_owners() const { return !pids.empty() || !programs.empty(); }
    // Ports or addresses: UNIX sockets have neither, so such a filter excludes them.
    bool has_endpoint_terms() const {
        return !source_ports.empty() || !destination_ports.empty() || !sources.empty() ||
               !destinations.empty();
    }
};

// The state a UNIX socket counts as for --state: LISTENING is listen, CONNECTED established,
// CONNECTING syn_sent, DISCONNECTING closing, anything else (unconnected, free) close.
std::uint32_t unix_filter_state(const UnixSocket& socket);

// The row's owner in `map`, or nullptr (no map, or nobody holds the inode).
const ProcessOwner* find_owner(const ProcessMap* map, std::uint64_t inode);

// The program name --program compares: the -p column's text after "PID/".
std::string_view owner_program(const ProcessOwner& owner);

// Whether `socket` (as netstat shows it, carry-over applied) passes `filter`. `owner` is the
// row's owner (find_owner), needed only when filter.needs_owners(). Pure.
bool matches(const SocketFilter& filter, const InetSocket& socket, const ProcessOwner* owner);
bool matches(const SocketFilter& filter, const UnixSocket& socket, const ProcessOwner* owner);

// Whether `address` lies in `prefix`; an IPv4 prefix also matches IPv4-mapped IPv6 addresses
// (::ffff:a.b.c.d, what tcp6 rows of IPv4 peers show).
bool in_prefix(const IpAddress& address, const AddressPrefix& prefix);

// Value parsers for the options; the error text names the bad part ("unknown state `foo'").
// A list is comma-separated; every parser appends to `filter`.
std::expected<void, std::string> add_states(SocketFilter& filter, std::string_view list);
std::expected<void, std::string> add_ports(std::vector<PortRange>& ranges, std::string_view list);
std::expected<void, std::string> add_prefixes(std::vector<AddressPrefix>& prefixes,
                                              std::string_view list);
std::expected<void, std::string> add_pids(SocketFilter& filter, std::string_view list);
// A user name's uid, or nullopt for an unknown name (a live run passes system_user_id, which
// asks the system's passwd; tests pass a table).
using UserIdLookup = std::optional<std::uint32_t> (*)(std::string_view name);
// A number is taken as a uid; a name is looked up with `lookup`.
std::expected<void, std::string> add_users(SocketFilter& filter, std::string_view list,
                                           UserIdLookup lookup);
std::expected<void, std::string> add_programs(SocketFilter& filter, std::string_view list);

// The state names --state accepts, for messages and --help.
std::string_view state_names_help();

} // namespace netstat_audit
