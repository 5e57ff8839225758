// SPDX-License-Identifier: MIT
// The tcp_info of established TCP rows grouped per remote peer and per local service: the
// figures the summary and the audit's health block print (pure).
#pragma once

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/model/socket.hpp"
#include "netstat_audit/model/socket_tables.hpp"
#include "netstat_audit/model/tcp_health.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>

namespace netstat_audit {

// The address as the peer lists print it: IPv4-mapped IPv6 addresses as IPv4 (netstat's form).
std::string peer_text(const IpAddress& address);

// Adds TCP rows one at a time: the ports of LISTEN rows (a local service is a port something
// listens on) and the tcp_info of ESTABLISHED rows that carry one; other rows are ignored.
struct HealthTally {
    HealthSamples all;
    std::map<std::string, HealthSamples> peers;
    std::map<std::uint16_t, HealthSamples> ports;
    std::set<std::uint16_t> listening_ports;

    void add(const InetSocket& socket);
    // The figures, each group list ranked worst p95 first and cut to `top`; source left as
    // default (not available): the reading stage knows where the rows came from.
    HealthSummary summary(std::size_t top) const;
};

// Every TCP row of `tables` tallied (no filter, every group kept unless `top` says otherwise),
// with `source` as the reading stage recorded it.
HealthSummary summarise_tcp_health(const SocketTables& tables, const TcpInfoSource& source,
                                   std::size_t top = std::numeric_limits<std::size_t>::max());

} // namespace netstat_audit
