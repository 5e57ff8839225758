// SPDX-License-Identifier: MIT
// tcp_info samples of established TCP rows per remote peer and per listening local port.
#include "netstat_audit/model/connection_health.hpp"

#include <algorithm>
#include <array>

namespace netstat_audit {

std::string peer_text(const IpAddress& address) {
    static constexpr std::array<std::uint8_t, 12> k_mapped = {0, 0, 0, 0, 0,    0,
                                                              0, 0, 0, 0, 0xff, 0xff};
    if (address.version == IpVersion::v6 &&
        std::equal(k_mapped.begin(), k_mapped.end(), address.bytes.begin()))
        return format_numeric(
            make_ipv4(address.bytes[12], address.bytes[13], address.bytes[14], address.bytes[15]));
    return format_numeric(address);
}

void HealthTally::add(const InetSocket& socket) {
    if (socket.state == tcp_state::k_listen)
        listening_ports.insert(socket.local.port);
    if (!socket.health || socket.state != tcp_state::k_established)
        return;
    all.add(*socket.health);
    peers[peer_text(socket.remote.address)].add(*socket.health);
    ports[socket.local.port].add(*socket.health);
}

HealthSummary HealthTally::summary(std::size_t top) const {
    HealthSummary out;
    out.all = all.summarise("all");
    out.peers = rank_health(peers, top);
    std::map<std::string, HealthSamples> services;
    for (const auto& [port, samples] : ports)
        if (listening_ports.contains(port))
            services.emplace(std::to_string(port), samples);
    out.services = rank_health(services, top);
    return out;
}

HealthSummary summarise_tcp_health(const SocketTables& tables, const TcpInfoSource& source,
                                   std::size_t top) {
    HealthTally tally;
    for (const FileTable<InetSocket>& table : tables.tcp)
        for (const InetSocket& row : table.parsed.rows)
            tally.add(row);
    HealthSummary summary = tally.summary(top);
    summary.source = source;
    return summary;
}

} // namespace netstat_audit
