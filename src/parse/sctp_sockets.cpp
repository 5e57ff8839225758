// SPDX-License-Identifier: MIT
// /proc/net/sctp/{eps,assocs} → SCTP rows, split with netstat's strtok() rules.
#include "netstat_audit/parse/sctp_sockets.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <arpa/inet.h>

#include <cstring>
#include <optional>
#include <string>

namespace netstat_audit {

namespace {

constexpr std::string_view k_blanks = k_strtok_blanks;
constexpr std::string_view k_to_line_end = "\t\n";
constexpr std::string_view k_list_breaks = "<->\t\n";

// strtok() over one line: each call skips leading delimiters, returns the next token and
// consumes the single delimiter after it. Once nothing is left it keeps returning nullopt.
class Tokenizer {
public:
    explicit Tokenizer(std::string_view text) : m_rest(text) {}

    std::optional<std::string_view> next(std::string_view delimiters) {
        std::size_t start = m_rest.find_first_not_of(delimiters);
        if (start == std::string_view::npos) {
            m_rest = {};
            return std::nullopt;
        }
        m_rest.remove_prefix(start);
        std::size_t end = m_rest.find_first_of(delimiters);
        std::string_view token = m_rest.substr(0, end);
        m_rest = end == std::string_view::npos ? std::string_view{} : m_rest.substr(end + 1);
        return token;
    }

    // Skips `count` tokens; false when the line ran out first.
    bool skip(int count, std::string_view delimiters) {
        for (int i = 0; i < count; ++i)
            if (!next(delimiters))
                return false;
        return true;
    }

private:
    std::string_view m_rest;
};

// atoi(): strtol() in base 10, then the conversion to int keeps the low 32 bits.
std::int32_t to_int(std::string_view word) {
    return ScanCursor(word).int32_number().value_or(0);
}

// strtoul(word, 0, 0): "0x" hex, leading "0" octal, else decimal; "-1" wraps.
std::uint64_t to_inode(std::string_view word) {
    return ScanCursor(word).unsigned_number(0).value_or(0);
}

// netstat passes the atoi() value through htons(): only the low 16 bits survive.
std::uint16_t to_port(std::string_view word) {
    return static_cast<std::uint16_t>(static_cast<std::uint32_t>(to_int(word)));
}

IpAddress parse_ipv6_groups(const std::string& text) {
    // The same sscanf() netstat uses; groups it cannot convert stay 0 (netstat leaves them
    // uninitialised).
    // "%04X:%04X:%04X:%04X:%04X:%04X:%04X:%04X"
    std::uint32_t groups[8] = {};
    ScanCursor in(text);
    for (std::size_t i = 0; i < 8; ++i) {
        if (i > 0 && !in.literal(':'))
            break;
        auto group = in.uint32_number(16, 4);
        if (!group)
            break;
        groups[i] = *group;
    }
    IpAddress address;
    address.version = IpVersion::v6;
    for (std::size_t i = 0; i < 8; ++i) {
        address.bytes[2 * i] = static_cast<std::uint8_t>((groups[i] >> 8) & 0xFFU);
        address.bytes[2 * i + 1] = static_cast<std::uint8_t>(groups[i] & 0xFFU);
    }
    return address;
}

// Splits an address list on blanks; `drop_star` removes the primary-path marker of assocs.
std::vector<IpAddress> parse_address_list(std::optional<std::string_view> list, bool drop_star) {
    std::vector<IpAddress> addresses;
    if (!list)
        return addresses;
    Tokenizer words(*list);
    while (auto word = words.next(k_blanks)) {
        if (drop_star && word->starts_with('*'))
            word->remove_prefix(1);
        addresses.push_back(parse_sctp_address(*word));
    }
    return addresses;
}

// The part of an fgets() chunk that C string functions see.
std::string_view c_string(std::string_view line) {
    return line.substr(0, line.find('\0'));
}

std::optional<SctpEndpoint> parse_endpoint_line(std::string_view line) {
    Tokenizer fields(c_string(line));
    if (!fields.skip(3, k_blanks)) // ENDPT SOCK STY
        return std::nullopt;
    auto state = fields.next(k_blanks);
    fields.next(k_blanks); // HBKT
    auto port = fields.next(k_blanks);
    auto uid = fields.next(k_blanks);
    auto inode = fields.next(k_blanks);
    auto addresses = fields.next(k_to_line_end);
    if (!state || !port || !uid || !inode)
        return std::nullopt;
    SctpEndpoint endpoint;
    endpoint.state = to_int(*state);
    endpoint.port = to_port(*port);
    endpoint.uid = to_int(*uid);
    endpoint.inode = to_inode(*inode);
    endpoint.local_addresses = parse_address_list(addresses, false);
    return endpoint;
}

std::optional<SctpAssociation> parse_association_line(std::string_view line) {
    Tokenizer fields(c_string(line));
    if (!fields.skip(3, k_blanks)) // ASSOC SOCK STY
        return std::nullopt;
    auto state = fields.next(k_blanks);
    fields.skip(3, k_blanks); // ST HBKT ASSOC-ID
    auto tx_queue = fields.next(k_blanks);
    auto rx_queue = fields.next(k_blanks);
    auto uid = fields.next(k_blanks);
    auto inode = fields.next(k_blanks);
    auto local_port = fields.next(k_blanks);
    auto remote_port = fields.next(k_blanks);
    auto local_list = fields.next(k_list_breaks);
    auto remote_list = fields.next(k_list_breaks);
    if (!state || !tx_queue || !rx_queue || !uid || !inode || !local_port || !remote_port)
        return std::nullopt;
    SctpAssociation association;
    association.state = to_int(*state);
    association.tx_queue_bytes = static_cast<std::uint32_t>(to_int(*tx_queue));
    association.rx_queue_bytes = static_cast<std::uint32_t>(to_int(*rx_queue));
    association.uid = to_int(*uid);
    association.inode = to_inode(*inode);
    association.local_port = to_port(*local_port);
    association.remote_port = to_port(*remote_port);
    association.local_addresses = parse_address_list(local_list, true);
    association.remote_addresses = parse_address_list(remote_list, true);
    return association;
}

template <typename Row, typename ParseLine>
ParseResult<Row> parse_lines(std::string_view text, std::string_view file_name,
                             ParseLine parse_line) {
    ParseResult<Row> result;
    std::size_t line_number = 0;
    for_each_fgets_chunk(text, [&](std::string_view line) {
        ++line_number;
        if (line_number == 1)
            return; // header, skipped unread
        if (auto row = parse_line(line))
            result.rows.push_back(std::move(*row));
        else
            result.diagnostics.push_back({std::string(file_name), line_number, "bogus"});
    });
    return result;
}

} // namespace

IpAddress parse_sctp_address(std::string_view word) {
    std::string text(c_string(word));
    if (text.find(':') != std::string::npos)
        return parse_ipv6_groups(text);
    // inet_addr() accepts "1.2", octal and hex parts; a rejected word is INADDR_NONE.
    const in_addr_t raw = ::inet_addr(text.c_str());
    IpAddress address;
    std::memcpy(address.bytes.data(), &raw, sizeof raw);
    return address;
}

ParseResult<SctpEndpoint> parse_sctp_endpoints(std::string_view text, std::string_view file_name) {
    return parse_lines<SctpEndpoint>(text, file_name, parse_endpoint_line);
}

ParseResult<SctpAssociation> parse_sctp_associations(std::string_view text,
                                                     std::string_view file_name) {
    return parse_lines<SctpAssociation>(text, file_name, parse_association_line);
}

} // namespace netstat_audit
