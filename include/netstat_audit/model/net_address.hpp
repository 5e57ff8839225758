// SPDX-License-Identifier: MIT
// IP addresses and endpoints, and decoding of the hex words /proc/net writes (host byte order).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace netstat_audit {

enum class IpVersion : std::uint8_t { v4, v6 };

// An IPv4 or IPv6 address; bytes in network order (v4 uses the first four).
struct IpAddress {
    IpVersion version = IpVersion::v4;
    std::array<std::uint8_t, 16> bytes{};

    bool is_unspecified() const;         // 0.0.0.0 or :: (all 128 bits)
    std::uint32_t v4_host_order() const; // the IPv4 value as a number (a.b.c.d = a<<24|...)
    friend bool operator==(const IpAddress&, const IpAddress&) = default;
};

struct Endpoint {
    IpAddress address;
    std::uint16_t port = 0;
};

// Makes an IPv4 address from four octets in printing order.
IpAddress make_ipv4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d);

// The family netstat infers from a local-address word: more than 8 hex digits is IPv6.
IpVersion proc_address_version(std::string_view hex);

// Decodes a /proc/net address word as `version`: IPv4 is one 32-bit value in the kernel's
// little-endian order ("0100007F" = 127.0.0.1); IPv6 is four such 8-digit words. Returns
// nullopt for an empty word, a non-hex digit or more than 64 digits (netstat's scan width).
std::optional<IpAddress> parse_proc_hex_address(std::string_view hex, IpVersion version);

// The four 32-bit words netstat scans an IPv6 address word into ("%08X" four times). A word
// that the text does not reach keeps the value it had: netstat reuses the same variables for
// the local and the remote address of a line and from line to line.
using ProcIpv6Words = std::array<std::uint32_t, 4>;

// Decodes `hex` (hex digits only) as IPv6 through `words`, updating the words it reaches.
IpAddress decode_proc_ipv6(std::string_view hex, ProcIpv6Words& words);

// Numeric text: inet_ntoa / inet_ntop form ("::", "2001:db8::10", "::ffff:127.0.0.1").
std::string format_numeric(const IpAddress& address);

// Strict whole-word conversions (std::from_chars), for text that is already one field: command
// line values, baseline files, sysfs words, and /proc columns that netstat itself validates
// rather than sscanf()s (route's hex bytes, ipv6_route's "%4s" groups that inet_pton must
// accept, packet columns). They are not scanf emulations: no blanks, no 0x, no saturation, so
// they do not go through parse/scanner's ScanCursor, whose job is sscanf's leniency.
//
// Parses an unsigned hex number (upper or lower case). nullopt if empty, non-hex or overflowing.
std::optional<std::uint64_t> parse_hex(std::string_view text);

// Parses an unsigned decimal number. nullopt if empty, non-digit or overflowing.
std::optional<std::uint64_t> parse_decimal(std::string_view text);

// Parses a signed decimal number (optional leading '-' or '+').
std::optional<std::int64_t> parse_signed_decimal(std::string_view text);

} // namespace netstat_audit
