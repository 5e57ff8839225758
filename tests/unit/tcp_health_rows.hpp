// SPDX-License-Identifier: MIT
// Test helper: an established TCP row carrying tcp_info, as the netlink source reads one.
#pragma once

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/model/socket.hpp"
#include "netstat_audit/model/tcp_health.hpp"

#include <cstdint>

namespace netstat_audit::test_support {

// 10.0.0.1:local_port to 192.0.2.PEER:40000, established, with this RTT and these counters.
inline InetSocket established_with_health(std::uint8_t peer, std::uint16_t local_port,
                                          std::uint32_t rtt_us, std::uint32_t retrans,
                                          std::uint32_t segs_out) {
    InetSocket s;
    s.protocol = InetProtocol::tcp;
    s.local = {make_ipv4(10, 0, 0, 1), local_port};
    s.remote = {make_ipv4(192, 0, 2, peer), 40000};
    s.state = tcp_state::k_established;
    TcpHealth health;
    health.rtt_us = rtt_us;
    health.total_retrans = retrans;
    health.segs_out = segs_out;
    health.has_segs_out = true;
    s.health = health;
    return s;
}

} // namespace netstat_audit::test_support
