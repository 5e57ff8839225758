// SPDX-License-Identifier: MIT
// Decoding /proc/net hex address words and number fields.
#include "netstat_audit/model/net_address.hpp"

#include <arpa/inet.h>
#include <cctype>
#include <charconv>
#include <cstring>

namespace netstat_audit {

bool IpAddress::is_unspecified() const {
    std::size_t n = version == IpVersion::v4 ? 4 : 16;
    for (std::size_t i = 0; i < n; ++i)
        if (bytes[i] != 0)
            return false;
    return true;
}

std::uint32_t IpAddress::v4_host_order() const {
    return static_cast<std::uint32_t>(bytes[0]) << 24 | static_cast<std::uint32_t>(bytes[1]) << 16 |
           static_cast<std::uint32_t>(bytes[2]) << 8 | static_cast<std::uint32_t>(bytes[3]);
}

IpAddress make_ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
    IpAddress address;
    address.bytes[0] = a;
    address.bytes[1] = b;
    address.bytes[2] = c;
    address.bytes[3] = d;
    return address;
}

namespace {

// The whole of `text` as one integer in `base`, or nullopt (empty, stray character, overflow).
template <typename Integer> std::optional<Integer> parse_whole(std::string_view text, int base) {
    Integer value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

} // namespace

std::optional<std::uint64_t> parse_hex(std::string_view text) {
    return parse_whole<std::uint64_t>(text, 16);
}

std::optional<std::uint64_t> parse_decimal(std::string_view text) {
    return parse_whole<std::uint64_t>(text, 10);
}

std::optional<std::int64_t> parse_signed_decimal(std::string_view text) {
    if (!text.empty() && text.front() == '+')
        text.remove_prefix(1);
    return parse_whole<std::int64_t>(text, 10);
}

namespace {

void store_word_le(std::uint32_t word, std::uint8_t* out) {
    out[0] = static_cast<std::uint8_t>(word);
    out[1] = static_cast<std::uint8_t>(word >> 8);
    out[2] = static_cast<std::uint8_t>(word >> 16);
    out[3] = static_cast<std::uint8_t>(word >> 24);
}

} // namespace

IpVersion proc_address_version(std::string_view hex) {
    return hex.size() > 8 ? IpVersion::v6 : IpVersion::v4;
}

std::optional<IpAddress> parse_proc_hex_address(std::string_view hex, IpVersion version) {
    if (hex.empty() || hex.size() > 64)
        return std::nullopt;
    for (char c : hex)
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return std::nullopt;
    IpAddress address;
    address.version = version;
    if (version == IpVersion::v4) {
        // Like scanf("%X") into an unsigned int: the low 32 bits, all ones past 64 bits.
        auto value = parse_hex(hex);
        std::uint32_t word = value ? static_cast<std::uint32_t>(*value) : 0xffffffffU;
        store_word_le(word, address.bytes.data());
        return address;
    }
    // IPv6: four 8-digit words; a shorter string leaves the missing words zero.
    for (std::size_t i = 0; i < 4 && i * 8 < hex.size(); ++i) {
        auto word = parse_hex(hex.substr(i * 8, 8));
        store_word_le(static_cast<std::uint32_t>(word.value_or(0)), address.bytes.data() + i * 4);
    }
    return address;
}

IpAddress decode_proc_ipv6(std::string_view hex, ProcIpv6Words& words) {
    for (std::size_t i = 0; i < 4 && i * 8 < hex.size(); ++i)
        words[i] = static_cast<std::uint32_t>(parse_hex(hex.substr(i * 8, 8)).value_or(0));
    IpAddress address;
    address.version = IpVersion::v6;
    for (std::size_t i = 0; i < 4; ++i)
        store_word_le(words[i], address.bytes.data() + i * 4);
    return address;
}

std::string format_numeric(const IpAddress& address) {
    char text[INET6_ADDRSTRLEN] = {};
    int family = address.version == IpVersion::v4 ? AF_INET : AF_INET6;
    ::inet_ntop(family, address.bytes.data(), text, sizeof text);
    return text;
}

} // namespace netstat_audit
