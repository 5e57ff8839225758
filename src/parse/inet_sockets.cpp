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

// The kernel's own layout of a row, read without ScanCursor (whose calls were most of a
// `--source proc -tan` run's user time): every field present, separated by blanks only (no
// tab), no sign, no 0x prefix, no run long enough to saturate. Returns false for any other
// line, which then takes scan_inet_line(); for every line this accepts, both read the same
// maximal digit runs, each ending at the delimiter scanf's format expects there, so the fields
// are the same.
class KernelRowCursor {
public:
    explicit KernelRowCursor(std::string_view line)
        : m_next(line.data()), m_end(line.data() + line.size()) {}

    void skip_blanks() {
        while (m_next != m_end && *m_next == ' ')
            ++m_next;
    }
    bool literal(char c) {
        if (m_next == m_end || *m_next != c)
            return false;
        ++m_next;
        return true;
    }
    // A run of 1..max_digits hex digits, then `delimiter` (consumed).
    bool hex_text(std::string_view& out, std::size_t max_digits, char delimiter) {
        const char* begin = m_next;
        while (m_next != m_end && hex_value(*m_next) < 16)
            ++m_next;
        const auto length = static_cast<std::size_t>(m_next - begin);
        out = std::string_view(begin, length);
        return length != 0 && length <= max_digits && literal(delimiter);
    }
    bool hex(std::uint64_t& out, char delimiter) {
        std::string_view digits;
        if (!hex_text(digits, 16, delimiter))
            return false;
        out = 0;
        for (char c : digits)
            out = out << 4 | hex_value(c);
        return true;
    }
    // A run of 1..18 decimal digits; then `delimiter` (consumed) unless it is '\0' (anything).
    bool decimal(std::uint64_t& out, char delimiter) {
        const char* begin = m_next;
        out = 0;
        while (m_next != m_end && *m_next >= '0' && *m_next <= '9')
            out = out * 10 + static_cast<std::uint64_t>(*m_next++ - '0');
        const auto length = m_next - begin;
        return length != 0 && length <= 18 && (delimiter == '\0' || literal(delimiter));
    }

private:
    static std::uint64_t hex_value(char c) {
        if (c >= '0' && c <= '9')
            return static_cast<std::uint64_t>(c - '0');
        if (c >= 'A' && c <= 'F')
            return static_cast<std::uint64_t>(c - 'A' + 10);
        if (c >= 'a' && c <= 'f')
            return static_cast<std::uint64_t>(c - 'a' + 10);
        return 16;
    }

    const char* m_next;
    const char* m_end;
};

bool scan_kernel_row(std::string_view line, InetFields& f) {
    KernelRowCursor in(line);
    std::uint64_t unused = 0;
    std::uint64_t uid = 0;
    std::uint64_t timeout = 0;
    in.skip_blanks();
    if (!in.decimal(unused, ':') || !in.literal(' ') || !in.hex_text(f.local_hex, 32, ':') ||
        !in.hex(f.local_port, ' '))
        return false;
    in.skip_blanks();
    if (!in.hex_text(f.remote_hex, 32, ':') || !in.hex(f.remote_port, ' ') ||
        !in.hex(f.state, ' ') || !in.hex(f.tx_queue, ':') || !in.hex(f.rx_queue, ' ') ||
        !in.hex(f.timer_kind, ':') || !in.hex(f.timer_when, ' '))
        return false;
    in.skip_blanks();
    if (!in.hex(f.retransmits, ' '))
        return false;
    in.skip_blanks();
    if (!in.decimal(uid, ' '))
        return false;
    in.skip_blanks();
    if (!in.decimal(timeout, ' '))
        return false;
    in.skip_blanks();
    if (!in.decimal(f.inode, '\0'))
        return false;
    f.uid = static_cast<std::int64_t>(uid);
    f.timeout = static_cast<std::int64_t>(timeout);
    f.converted = 14;
    return true;
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
    InetFields fields;
    if (!scan_kernel_row(chunk, fields))
        fields = scan_inet_line(chunk);
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
