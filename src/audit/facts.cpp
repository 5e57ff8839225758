// SPDX-License-Identifier: MIT
// The listening surface and the inode → holders map shared by the audit rules.
#include "netstat_audit/audit/facts.hpp"

#include "netstat_audit/model/net_address.hpp"

#include <algorithm>
#include <set>

namespace netstat_audit {

namespace {

constexpr std::uint32_t k_tcp_listen = 10;
constexpr std::uint32_t k_udp_unconnected = 7; // TCP_CLOSE: bound, not connected

bool is_listener(const InetSocket& socket) {
    if (socket.local.port == 0)
        return false;
    if (socket.protocol == InetProtocol::tcp)
        return socket.state == k_tcp_listen;
    if (socket.protocol == InetProtocol::udp || socket.protocol == InetProtocol::udplite)
        return socket.state == k_udp_unconnected && socket.remote.port == 0;
    return false;
}

Exposure exposure_of(const IpAddress& address) {
    if (address.is_unspecified())
        return Exposure::all;
    return is_loopback(address) ? Exposure::loopback : Exposure::specific;
}

std::uint32_t sysctl_number(const Snapshot& snapshot, const std::string& name,
                            std::uint32_t fallback) {
    auto it = snapshot.sysctls.find(name);
    if (it == snapshot.sysctls.end())
        return fallback;
    auto value = parse_decimal(it->second);
    return value && *value <= UINT32_MAX ? static_cast<std::uint32_t>(*value) : fallback;
}

void add_listeners(const std::vector<FileTable<InetSocket>>& tables, AuditFacts& facts) {
    for (const auto& table : tables)
        for (const InetSocket& socket : table.parsed.rows) {
            ++facts.sockets_total;
            if (facts.holders_of(socket.inode).empty())
                ++facts.sockets_without_owner;
            if (socket.inode != 0)
                facts.inet_by_inode.emplace(socket.inode, InetRef{&socket, table.version});
            if (!is_listener(socket))
                continue;
            Listener listener;
            listener.protocol = socket.protocol;
            listener.family = table.version;
            listener.address = socket.local.address;
            listener.port = socket.local.port;
            listener.exposure = exposure_of(socket.local.address);
            listener.socket_uid = socket.uid;
            listener.inode = socket.inode;
            listener.holders = facts.holders_of(socket.inode);
            facts.listeners.push_back(std::move(listener));
        }
}

// An IPv6 wildcard socket is dual-stack unless bindv6only is set or an IPv4 wildcard socket
// of the same protocol holds the port (the two could not both be bound otherwise).
void mark_dual_stack(AuditFacts& facts) {
    std::set<std::pair<InetProtocol, std::uint16_t>> v4_wildcards;
    for (const Listener& l : facts.listeners)
        if (l.family == IpVersion::v4 && l.exposure == Exposure::all)
            v4_wildcards.emplace(l.protocol, l.port);
    for (Listener& l : facts.listeners)
        l.dual_stack = l.family == IpVersion::v6 && l.exposure == Exposure::all &&
                       !facts.bindv6only && !v4_wildcards.contains({l.protocol, l.port});
}

} // namespace

const std::vector<std::size_t>& AuditFacts::holders_of(std::uint64_t inode) const {
    static const std::vector<std::size_t> k_none;
    auto it = holders_by_inode.find(inode);
    return it == holders_by_inode.end() ? k_none : it->second;
}

const ProcessInfo* AuditFacts::first_holder(std::uint64_t inode) const {
    const auto& holders = holders_of(inode);
    return holders.empty() ? nullptr : &snapshot->processes[holders.front()];
}

std::string AuditFacts::describe_socket(std::uint64_t inode) const {
    if (auto it = inet_by_inode.find(inode); it != inet_by_inode.end()) {
        const InetSocket& s = *it->second.socket;
        std::string text = protocol_label(s.protocol, it->second.family) + " " +
                           endpoint_text(s.local.address, s.local.port);
        if (s.remote.port != 0 || !s.remote.address.is_unspecified())
            text += " -> " + endpoint_text(s.remote.address, s.remote.port);
        else if (s.protocol == InetProtocol::tcp && s.state == k_tcp_listen)
            text += " (listening)";
        return text;
    }
    if (auto it = packet_by_inode.find(inode); it != packet_by_inode.end()) {
        const PacketSocket& p = *it->second;
        return "packet " + (p.interface_index == 0
                                ? std::string("(all interfaces)")
                                : "(interface index " + std::to_string(p.interface_index) + ")");
    }
    return {};
}

bool AuditFacts::has_network_socket(const ProcessInfo& process) const {
    return std::any_of(
        process.socket_fds.begin(), process.socket_fds.end(), [&](const SocketFd& fd) {
            return inet_by_inode.contains(fd.inode) || packet_by_inode.contains(fd.inode);
        });
}

std::string AuditFacts::describe_sockets(const ProcessInfo& process, std::size_t limit) const {
    std::vector<std::string> parts;
    std::set<std::uint64_t> seen;
    std::size_t more = 0;
    for (const SocketFd& fd : process.socket_fds) {
        if (!seen.insert(fd.inode).second)
            continue;
        std::string text = describe_socket(fd.inode);
        if (text.empty())
            continue;
        if (parts.size() < limit)
            parts.push_back(std::move(text));
        else
            ++more;
    }
    std::string joined;
    for (const auto& part : parts)
        joined += (joined.empty() ? "" : ", ") + part;
    if (more > 0)
        joined += " and " + std::to_string(more) + " more";
    return joined;
}

AuditFacts build_audit_facts(const Snapshot& snapshot) {
    AuditFacts facts;
    facts.snapshot = &snapshot;
    for (std::size_t i = 0; i < snapshot.processes.size(); ++i)
        for (const SocketFd& fd : snapshot.processes[i].socket_fds) {
            auto& holders = facts.holders_by_inode[fd.inode];
            if (holders.empty() || holders.back() != i)
                holders.push_back(i);
        }
    facts.unprivileged_port_start =
        sysctl_number(snapshot, "net/ipv4/ip_unprivileged_port_start", 1024);
    facts.bindv6only = sysctl_number(snapshot, "net/ipv6/bindv6only", 0) != 0;
    add_listeners(snapshot.sockets.tcp, facts);
    add_listeners(snapshot.sockets.udp, facts);
    add_listeners(snapshot.sockets.udplite, facts);
    add_listeners(snapshot.sockets.raw, facts);
    for (const PacketSocket& packet : snapshot.packet) {
        ++facts.sockets_total;
        facts.packet_by_inode.emplace(packet.inode, &packet);
        if (facts.holders_of(packet.inode).empty())
            ++facts.sockets_without_owner;
    }
    mark_dual_stack(facts);
    return facts;
}

std::string protocol_label(InetProtocol protocol, IpVersion family) {
    std::string label = protocol == InetProtocol::tcp       ? "tcp"
                        : protocol == InetProtocol::udp     ? "udp"
                        : protocol == InetProtocol::udplite ? "udplite"
                                                            : "raw";
    if (family == IpVersion::v6)
        label += '6';
    return label;
}

std::string address_text(const IpAddress& address) {
    return format_numeric(address);
}

std::string endpoint_text(const IpAddress& address, std::uint16_t port) {
    return format_numeric(address) + ":" + std::to_string(port);
}

bool is_loopback(const IpAddress& address) {
    if (address.version == IpVersion::v4)
        return address.bytes[0] == 127;
    static constexpr std::array<std::uint8_t, 12> k_v4_mapped{0, 0, 0, 0, 0,    0,
                                                              0, 0, 0, 0, 0xff, 0xff};
    if (std::equal(k_v4_mapped.begin(), k_v4_mapped.end(), address.bytes.begin()))
        return address.bytes[12] == 127; // ::ffff:127.0.0.0/104
    static constexpr std::array<std::uint8_t, 16> k_one{0, 0, 0, 0, 0, 0, 0, 0,
                                                        0, 0, 0, 0, 0, 0, 0, 1};
    return address.bytes == k_one;
}

std::string_view exe_path(std::string_view exe_link) {
    constexpr std::string_view k_deleted = " (deleted)";
    if (exe_link.ends_with(k_deleted))
        exe_link.remove_suffix(k_deleted.size());
    return exe_link;
}

bool exe_deleted(std::string_view exe_link) {
    return exe_link.ends_with(" (deleted)");
}

std::string_view base_name(std::string_view path) {
    std::size_t slash = path.rfind('/');
    return slash == path.npos ? path : path.substr(slash + 1);
}

std::string user_text(const ProcessInfo& process) {
    if (!process.user.empty())
        return process.user;
    if (process.effective_uid)
        return std::to_string(*process.effective_uid);
    return "?";
}

} // namespace netstat_audit
