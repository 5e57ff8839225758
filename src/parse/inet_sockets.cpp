// SPDX-License-Identifier: MIT
// /proc/net/{tcp,udp,udplite,raw}{,6} → InetSocket rows, scanned with netstat's field rules.
#include "netstat_audit/parse/inet_sockets.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>

namespace netstat_audit {

namespace {

// The raw fields of one line, in scan order, and how many of them were converted.
struct InetFields {
    int converted = 0;
    std::string_view local_hex;
    std::uint64_t local_port = 0;
    std::string_view remote_hex;
    std::uint64_t remote_port = 0;
    std::uint64_t state = 0;
    std::uint64_t tx_queue = 0;
    std::uint64_t rx_queue = 0;
    std::uint64_t timer_kind = 0;
    std::uint64_t timer_when = 0;
    std::uint64_t retransmits = 0;
    std::int64_t uid = 0;
    std::int64_t timeout = 0;
    std::uint64_t inode = 0;
};

// Scans "SL: LADDR:LPORT RADDR:RPORT ST TXQ:RXQ TR:WHEN RETR UID TIMEOUT INODE", stopping at
// the first field that does not convert, like sscanf; `converted` counts the fields read.
InetFields scan_inet_line(std::string_view line) {
    InetFields f;
    ScanCursor in(line);
    auto step = [&f](bool ok) {
        if (ok)
            ++f.converted;
        return ok;
    };
    auto hex_into = [&in, &step](std::uint64_t& out) {
        auto value = in.unsigned_number(16);
        if (value)
            out = *value;
        return step(value.has_value());
    };
    auto address_into = [&in, &step](std::string_view& out) {
        in.skip_space();
        auto digits = in.hex_digits(64);
        if (digits)
            out = *digits;
        return step(digits.has_value());
    };
    if (!step(in.signed_number().has_value()) || !in.literal(':'))
        return f;
    if (!address_into(f.local_hex) || !in.literal(':') || !hex_into(f.local_port))
        return f;
    if (!address_into(f.remote_hex) || !in.literal(':') || !hex_into(f.remote_port))
        return f;
    if (!hex_into(f.state) || !hex_into(f.tx_queue) || !in.literal(':') || !hex_into(f.rx_queue))
        return f;
    if (!hex_into(f.timer_kind) || !in.literal(':') || !hex_into(f.timer_when))
        return f;
    if (!hex_into(f.retransmits))
        return f;
    auto uid = in.signed_number();
    if (!step(uid.has_value()))
        return f;
    f.uid = *uid;
    auto timeout = in.signed_number();
    if (!step(timeout.has_value()))
        return f;
    f.timeout = *timeout;
    auto inode = in.unsigned_number(10);
    if (step(inode.has_value()))
        f.inode = *inode;
    return f;
}

// tcp needs SL through RETR (11 conversions); udp, udplite and raw through WHEN (10).
int required_fields(InetProtocol protocol) {
    return protocol == InetProtocol::tcp ? 11 : 10;
}

// The number of 32-bit words an IPv6 address word of `hex_digits` digits reaches (netstat
// scans it with "%08X" four times; a partial word counts).
std::uint8_t ipv6_words_reached(std::size_t hex_digits) {
    return static_cast<std::uint8_t>(std::min<std::size_t>(4, (hex_digits + 7) / 8));
}

InetSocket to_socket(const InetFields& f, InetProtocol protocol, IpVersion file_version) {
    InetSocket s;
    s.protocol = protocol;
    s.file_version = file_version;
    // The local address decides the family of both (netstat: more than 8 digits is IPv6).
    if (proc_address_version(f.local_hex) == IpVersion::v6) {
        ProcIpv6Words zero{};
        s.local.address = decode_proc_ipv6(f.local_hex, zero);
        zero = {};
        s.remote.address = decode_proc_ipv6(f.remote_hex, zero);
        s.local_words = ipv6_words_reached(f.local_hex.size());
        s.remote_words = ipv6_words_reached(f.remote_hex.size());
    } else {
        s.local.address = parse_proc_hex_address(f.local_hex, IpVersion::v4).value_or(IpAddress{});
        s.remote.address =
            parse_proc_hex_address(f.remote_hex, IpVersion::v4).value_or(IpAddress{});
    }
    // Ports and the other %X fields are unsigned ints in netstat: keep the low bits.
    s.local.port = static_cast<std::uint16_t>(f.local_port);
    s.remote.port = static_cast<std::uint16_t>(f.remote_port);
    s.state = static_cast<std::uint32_t>(f.state);
    s.tx_queue_bytes = f.tx_queue;
    s.rx_queue_bytes = f.rx_queue;
    s.timer_kind = static_cast<std::uint32_t>(f.timer_kind);
    s.timer_jiffies = f.timer_when;
    s.retransmits = f.retransmits;
    s.uid = static_cast<std::int32_t>(static_cast<std::uint32_t>(f.uid));
    s.timeout = static_cast<std::int32_t>(static_cast<std::uint32_t>(f.timeout));
    s.inode = f.inode;
    // SL through WHEN are 10 conversions; RETR, UID, TIMEOUT and INODE follow in that order.
    constexpr std::uint8_t k_order[] = {inet_field::k_retransmits, inet_field::k_uid,
                                        inet_field::k_timeout, inet_field::k_inode};
    s.present = 0;
    for (int i = 0; i < 4; ++i)
        if (f.converted > 10 + i)
            s.present |= k_order[i];
    return s;
}

} // namespace

InetLineParser::InetLineParser(InetProtocol protocol, IpVersion file_version)
    : m_protocol(protocol), m_file_version(file_version) {}

std::optional<InetSocket> InetLineParser::parse(std::string_view chunk) {
    m_bogus = false;
    if (++m_line_number == 1)
        return std::nullopt; // header, skipped unread
    InetFields fields = scan_inet_line(chunk);
    if (fields.converted < required_fields(m_protocol)) {
        m_bogus = true;
        return std::nullopt;
    }
    return to_socket(fields, m_protocol, m_file_version);
}

ParseResult<InetSocket> parse_inet_sockets(std::string_view text, InetProtocol protocol,
                                           IpVersion file_version, std::string_view file_name) {
    ParseResult<InetSocket> result;
    InetLineParser parser(protocol, file_version);
    for_each_fgets_chunk(text, [&](std::string_view line) {
        if (auto row = parser.parse(line))
            result.rows.push_back(*row);
        else if (parser.is_bogus())
            result.diagnostics.push_back({std::string(file_name), parser.line_number(), "bogus"});
    });
    return result;
}

} // namespace netstat_audit
