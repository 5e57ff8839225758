// SPDX-License-Identifier: MIT
// Packet sockets (AF_PACKET) as /proc/net/packet lists them.
#pragma once

#include <cstdint>

namespace netstat_audit {

// One row of /proc/net/packet:
// sk       RefCnt Type Proto  Iface R Rmem   User   Inode
struct PacketSocket {
    std::uint32_t type = 0;           // SOCK_RAW 3, SOCK_DGRAM 2
    std::uint16_t protocol = 0;       // ethertype in host order (0x0003 ETH_P_ALL)
    std::int32_t interface_index = 0; // 0: every interface
    bool running = false;
    std::uint64_t receive_memory_bytes = 0;
    std::uint32_t uid = 0;
    std::uint64_t inode = 0;
};

inline constexpr std::uint16_t k_eth_p_all = 0x0003;

} // namespace netstat_audit
