// SPDX-License-Identifier: MIT
// SCTP endpoints and associations as netstat reads them from /proc/net/sctp/{eps,assocs}.
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <cstdint>
#include <vector>

namespace netstat_audit {

// One row of /proc/net/sctp/eps: a listening endpoint, possibly bound to several addresses.
struct SctpEndpoint {
    std::int32_t state = 0; // "SST": the socket's TCP-style state (10 = LISTEN)
    std::uint16_t port = 0; // "LPORT"
    std::int32_t uid = 0;
    std::uint64_t inode = 0;
    std::vector<IpAddress> local_addresses; // "LADDRS", in file order
};

// One row of /proc/net/sctp/assocs: an association between two multi-homed peers.
struct SctpAssociation {
    std::int32_t state = 0; // "SST"
    std::uint32_t tx_queue_bytes = 0;
    std::uint32_t rx_queue_bytes = 0;
    std::int32_t uid = 0;
    std::uint64_t inode = 0;
    std::uint16_t local_port = 0;
    std::uint16_t remote_port = 0;
    std::vector<IpAddress> local_addresses; // "LADDRS", before "<->"
    std::vector<IpAddress>
        remote_addresses; // "RADDRS", after "<->"; the primary path's '*' dropped
};

} // namespace netstat_audit
