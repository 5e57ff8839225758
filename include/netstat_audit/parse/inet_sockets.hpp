// SPDX-License-Identifier: MIT
// Parser for /proc/net/{tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6}.
#pragma once

#include "netstat_audit/model/diagnostic.hpp"
#include "netstat_audit/model/socket.hpp"

#include <cstddef>
#include <optional>
#include <string_view>

namespace netstat_audit {

// Parses the text of one inet socket file. Sample (tcp, kernel column names):
//   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
//    0: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2002
//    ...
// The first line is skipped whatever it holds. A line is kept when netstat's scan gets through
// "retrnsmt" (tcp) or "tm->when" (udp, udplite, raw); missing trailing fields are 0 and clear in
// InetSocket::present, words of an IPv6 address the text does not reach are 0. No state is kept
// from row to row. Other lines
// become diagnostics (reason "bogus"). The address family of a row is decided by the length of
// its local address word, as netstat does, not by the file.
ParseResult<InetSocket> parse_inet_sockets(std::string_view text, InetProtocol protocol,
                                           IpVersion file_version, std::string_view file_name);

// The same parse one fgets chunk at a time (the chunks of for_each_fgets_chunk(), header
// included), for files read as a stream.
class InetLineParser {
public:
    InetLineParser(InetProtocol protocol, IpVersion file_version);

    // The row of the next chunk; nullopt for the header and for a bogus line (is_bogus() then).
    std::optional<InetSocket> parse(std::string_view chunk);
    // Whether the last parse() met a bogus line (not the header).
    bool is_bogus() const { return m_bogus; }
    // 1-based number of the last chunk parsed.
    std::size_t line_number() const { return m_line_number; }

private:
    InetProtocol m_protocol;
    IpVersion m_file_version;
    std::size_t m_line_number = 0;
    bool m_bogus = false;
};

} // namespace netstat_audit
