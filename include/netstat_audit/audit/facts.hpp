// SPDX-License-Identifier: MIT
// What the audit rules share, derived once from a Snapshot: the listening surface and which
// processes hold each socket inode.
#pragma once

#include "netstat_audit/model/snapshot.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace netstat_audit {

// Where a listener can be reached from.
enum class Exposure : std::uint8_t {
    all,      // 0.0.0.0 or :: (every address of the host)
    loopback, // 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104
    specific, // one non-loopback address
};

// A TCP socket in LISTEN or an unconnected UDP/UDP-Lite socket with a local port.
struct Listener {
    InetProtocol protocol = InetProtocol::tcp;
    IpVersion family = IpVersion::v4; // of the file it came from (tcp vs tcp6)
    IpAddress address;
    std::uint16_t port = 0;
    Exposure exposure = Exposure::all;
    // An IPv6 wildcard listener that also takes IPv4 connections: net.ipv6.bindv6only is 0 and
    // no IPv4 wildcard socket holds the same port (a dual-stack socket would conflict with it).
    bool dual_stack = false;
    std::int32_t socket_uid = 0; // the socket's owner uid from the /proc/net file
    std::uint64_t inode = 0;
    std::vector<std::size_t> holders; // indices into Snapshot::processes, ascending pid
};

// One row of an inet table and the file family it came from.
struct InetRef {
    const InetSocket* socket = nullptr;
    IpVersion family = IpVersion::v4;
};

// The derived facts. Holds pointers into the Snapshot it was built from.
struct AuditFacts {
    const Snapshot* snapshot = nullptr;
    std::vector<Listener> listeners; // in file order: tcp, tcp6, udp, udp6, udplite...
    std::unordered_map<std::uint64_t, std::vector<std::size_t>> holders_by_inode;
    std::unordered_map<std::uint64_t, InetRef> inet_by_inode;               // every inet row
    std::unordered_map<std::uint64_t, const PacketSocket*> packet_by_inode; // net/packet rows
    std::uint32_t unprivileged_port_start = 1024; // net.ipv4.ip_unprivileged_port_start
    bool bindv6only = false;                      // net.ipv6.bindv6only
    std::size_t sockets_total = 0;                // rows of every inet and packet table
    std::size_t sockets_without_owner = 0;        // of those, with an inode no process holds
    std::string netns; // label of the network namespace audited; empty: the host's own

    const ProcessInfo& process(std::size_t index) const { return snapshot->processes[index]; }
    // The holders of `inode` (empty when none is known).
    const std::vector<std::size_t>& holders_of(std::uint64_t inode) const;
    // The first holder of `inode` (lowest pid), nullptr when none is known.
    const ProcessInfo* first_holder(std::uint64_t inode) const;
    // "tcp 10.0.0.5:41234 -> 203.0.113.9:443", "udp 0.0.0.0:68", "packet (all interfaces)";
    // empty for an inode of no inet or packet table (UNIX sockets, or not collected).
    std::string describe_socket(std::uint64_t inode) const;
    // True when `process` holds at least one inet or packet socket.
    bool has_network_socket(const ProcessInfo& process) const;
    // describe_socket() of the network sockets of `process`, at most `limit`, then "N more".
    std::string describe_sockets(const ProcessInfo& process, std::size_t limit = 3) const;
};

// Derives the facts from `snapshot` (which must outlive them).
AuditFacts build_audit_facts(const Snapshot& snapshot);

// "tcp", "tcp6", "udp", "udp6", "udplite", "udplite6", "raw", "raw6".
std::string protocol_label(InetProtocol protocol, IpVersion family);
// "127.0.0.1", "::", "::ffff:10.0.0.1".
std::string address_text(const IpAddress& address);
// "0.0.0.0:22", ":::22" (netstat's address:port form).
std::string endpoint_text(const IpAddress& address, std::uint16_t port);
bool is_loopback(const IpAddress& address);
// The path of an exe link text without the kernel's " (deleted)" suffix.
std::string_view exe_path(std::string_view exe_link);
bool exe_deleted(std::string_view exe_link);
// The last path component.
std::string_view base_name(std::string_view path);
// "user" or the uid in decimal when the name is unknown, "?" when neither is.
std::string user_text(const ProcessInfo& process);

} // namespace netstat_audit
