// SPDX-License-Identifier: MIT
// /proc/net/ipv6_route → Ipv6Route rows, scanned with netstat's sscanf format.
#include "netstat_audit/parse/ipv6_route.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>
#include <array>

namespace netstat_audit {

namespace {

// The raw values of one line, as netstat's sscanf() stores them.
struct Ipv6RouteFields {
    std::uint32_t numbers[6] = {}; // plen, slen, metric, refcnt, use, flags
    std::string device;
    std::array<std::string_view, 24> group_text;
};

// "%4s" x 8: the groups of one address. Returns how many converted.
int scan_address(ScanCursor& in, std::array<std::string_view, 24>& text, std::size_t base) {
    for (std::size_t i = 0; i < 8; ++i) {
        auto group = in.word(4);
        if (!group)
            return static_cast<int>(i);
        text[base + i] = *group;
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

// One "%4s" group as a number, -1 when it is not 1-4 hex digits (or was not read).
std::int32_t group_value(std::string_view text) {
    auto value = parse_hex(text);
    return value && *value <= 0xffff ? static_cast<std::int32_t>(*value) : -1;
}

// The address of eight groups; :: when one of the first `read` groups is bad.
IpAddress make_address(const std::array<std::int32_t, 8>& groups, std::size_t read = 8) {
    IpAddress address{IpVersion::v6, {}};
    for (std::size_t i = 0; i < 8; ++i) {
        const std::int32_t value = i < read ? groups[i] : 0;
        if (value < 0)
            return IpAddress{IpVersion::v6, {}};
        address.bytes[2 * i] = static_cast<std::uint8_t>(value >> 8);
        address.bytes[2 * i + 1] = static_cast<std::uint8_t>(value & 0xff);
    }
    return address;
}

std::array<std::int32_t, 8> groups_of(const std::array<std::string_view, 24>& text,
                                      std::size_t base, std::size_t read) {
    std::array<std::int32_t, 8> groups;
    for (std::size_t i = 0; i < 8; ++i)
        groups[i] = i < read ? group_value(text[base + i]) : -1;
    return groups;
}

} // namespace

ParseResult<Ipv6Route> parse_ipv6_routes(std::string_view text) {
    ParseResult<Ipv6Route> result;
    std::size_t line_number = 0;
    // fgets(buff, 1023): longer lines arrive in pieces.
    for_each_fgets_chunk(text, 1023, [&](std::string_view line) {
        ++line_number;
        Ipv6RouteFields fields; // each line alone: the reuse of earlier values is the view's
        const int converted = scan_line(line, fields);
        if (converted < 23) // still a row: netstat prints one for it (Ipv6RouteCarryOver)
            result.diagnostics.push_back({"net/ipv6_route", line_number, "fewer than 23 values"});
        const auto destination_read = static_cast<std::size_t>(std::clamp(converted, 0, 8));
        const auto next_hop_read = static_cast<std::size_t>(std::clamp(converted - 18, 0, 8));
        Ipv6Route route;
        route.destination_groups = groups_of(fields.group_text, 0, destination_read);
        route.destination_valid =
            destination_read == 8 &&
            std::ranges::all_of(route.destination_groups, [](std::int32_t g) { return g >= 0; });
        route.destination = route.destination_valid ? make_address(route.destination_groups)
                                                    : IpAddress{IpVersion::v6, {}};
        route.prefix_length = fields.numbers[0];
        route.source = make_address(groups_of(fields.group_text, 8, 8));
        route.source_prefix_length = fields.numbers[1];
        route.next_hop_groups = groups_of(fields.group_text, 16, next_hop_read);
        route.next_hop = make_address(route.next_hop_groups, next_hop_read);
        route.metric = fields.numbers[2];
        route.refcnt = fields.numbers[3];
        route.use = fields.numbers[4];
        route.flags = fields.numbers[5];
        route.device = fields.device;
        route.values_read = static_cast<std::uint8_t>(converted);
        result.rows.push_back(std::move(route));
    });
    return result;
}

} // namespace netstat_audit
