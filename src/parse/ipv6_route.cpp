// SPDX-License-Identifier: MIT
// /proc/net/ipv6_route → Ipv6Route rows, scanned with netstat's sscanf format.
#include "netstat_audit/parse/ipv6_route.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>
#include <array>

namespace netstat_audit {

namespace {

// The raw values of one line; kept across lines like netstat's variables.
struct Ipv6RouteFields {
    std::uint32_t numbers[6] = {}; // plen, slen, metric, refcnt, use, flags
    std::string device;
    std::array<std::string, 24> group_text;
};

// "%4s" x 8: the groups of one address. Returns how many converted.
int scan_address(ScanCursor& in, std::array<std::string, 24>& text, std::size_t base) {
    for (std::size_t i = 0; i < 8; ++i) {
        auto group = in.word(4);
        if (!group)
            return static_cast<int>(i);
        text[base + i] = std::string(*group);
    }
    return 8;
}

// The format "%4s x8 %02x %4s x8 %02x %4s x8 %08x %08x %08x %08x %15s"; returns conversions.
int scan_line(std::string_view line, Ipv6RouteFields& f) {
    ScanCursor in(line);
    int converted = 0;
    auto hex_into = [&in, &converted](std::uint32_t& out, std::size_t width) {
        auto value = in.uint32_number(16, width);
        if (!value)
            return false;
        out = *value;
        ++converted;
        return true;
    };
    for (std::size_t a = 0; a < 3; ++a) {
        int groups = scan_address(in, f.group_text, a * 8);
        converted += groups;
        if (groups < 8)
            return converted;
        if (a < 2 && !hex_into(f.numbers[a], 2))
            return converted;
    }
    for (std::size_t i = 2; i < 6; ++i)
        if (!hex_into(f.numbers[i], 8))
            return converted;
    if (auto device = in.word(15)) {
        f.device = std::string(*device);
        ++converted;
    }
    return converted;
}

IpAddress make_address(const std::array<std::string, 24>& text, std::size_t base) {
    IpAddress address{IpVersion::v6, {}};
    for (std::size_t i = 0; i < 8; ++i) {
        auto value = parse_hex(text[base + i]);
        if (!value || *value > 0xffff)
            return IpAddress{IpVersion::v6, {}};
        address.bytes[2 * i] = static_cast<std::uint8_t>(*value >> 8);
        address.bytes[2 * i + 1] = static_cast<std::uint8_t>(*value & 0xff);
    }
    return address;
}

} // namespace

ParseResult<Ipv6Route> parse_ipv6_routes(std::string_view text) {
    ParseResult<Ipv6Route> result;
    Ipv6RouteFields fields;
    std::size_t line_number = 0;
    // fgets(buff, 1023): longer lines arrive in pieces.
    for_each_fgets_chunk(text, 1023, [&](std::string_view line) {
        ++line_number;
        if (scan_line(line, fields) < 23) {
            result.diagnostics.push_back({"net/ipv6_route", line_number, "fewer than 23 values"});
            return;
        }
        Ipv6Route route;
        route.destination = make_address(fields.group_text, 0);
        route.prefix_length = fields.numbers[0];
        route.source = make_address(fields.group_text, 8);
        route.source_prefix_length = fields.numbers[1];
        route.next_hop = make_address(fields.group_text, 16);
        route.metric = fields.numbers[2];
        route.refcnt = fields.numbers[3];
        route.use = fields.numbers[4];
        route.flags = fields.numbers[5];
        route.device = fields.device;
        result.rows.push_back(std::move(route));
    });
    return result;
}

} // namespace netstat_audit
