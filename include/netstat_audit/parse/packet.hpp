// SPDX-License-Identifier: MIT
// /proc/net/packet → packet sockets (AF_PACKET: sniffers, DHCP clients, BPF programs).
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/packet.hpp"

#include <string_view>

namespace netstat_audit {

// Parses /proc/net/packet (net/packet/af_packet.c, packet_seq_show):
//
//   sk               RefCnt Type Proto  Iface R Rmem   User   Inode
//   ffff8f0c4a1e2000 3      3    0003   2     1 0      0      21534
//
// Proto is the ethertype in hex, the rest decimal. The first line is the header and is skipped;
// a line with fewer than nine fields or a non-number becomes a diagnostic (file `file_name`,
// its line number) and the other rows are kept. Extra trailing fields are ignored.
ParseResult<PacketSocket> parse_packet_sockets(std::string_view text,
                                               std::string_view file_name = "net/packet");

} // namespace netstat_audit
