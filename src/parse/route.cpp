// SPDX-License-Identifier: MIT
// /proc/net/route → Ipv4Route rows; the header decides the column positions, as in netstat.
#include "netstat_audit/parse/route.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

namespace netstat_audit {

namespace {

// The columns netstat asks proc_gen_fmt() for, in the required order.
enum class Column {
    iface,
    destination,
    gateway,
    flags,
    refcnt,
    use,
    metric,
    mask,
    mtu,
    window,
    irtt
};
constexpr std::array<std::string_view, 11> k_required = {
    "Iface",  "Destination", "Gateway", "Flags",  "RefCnt", "Use",
    "Metric", "Mask",        "MTU",     "Window", "IRTT"};

// One directive of the scan format netstat builds: a wanted column, or "%*s" for other words.
using Directive = std::optional<Column>;

// proc_gen_fmt(): words split on blanks, tabs and '|'; matched in order, others skipped.
std::expected<std::vector<Directive>, std::string> build_format(std::string_view header) {
    std::vector<Directive> format;
    std::size_t wanted = 0;
    std::size_t pos = 0;
    auto is_separator = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '|'; };
    while (pos <= header.size() && wanted < k_required.size()) {
        while (pos < header.size() && (is_separator(header[pos]) || header[pos] == '\r' ||
                                       header[pos] == '\v' || header[pos] == '\f'))
            ++pos;
        std::size_t end = pos;
        while (end < header.size() && !is_separator(header[end]))
            ++end;
        std::string_view word = header.substr(pos, end - pos);
        if (word == k_required[wanted])
            format.emplace_back(static_cast<Column>(wanted++));
        else
            format.emplace_back(std::nullopt);
        if (end >= header.size())
            break;
        pos = end + 1;
    }
    if (wanted < k_required.size())
        return std::unexpected(std::string(k_required[wanted]));
    return format;
}

// INET_getsock(): four hex pairs, the first pair being the lowest-order byte of the kernel's
// host-order word. Anything else does not decode.
std::optional<IpAddress> decode_address(std::string_view hex) {
    if (hex.size() < 8)
        return std::nullopt;
    std::array<std::uint8_t, 4> bytes{};
    for (std::size_t i = 0; i < 4; ++i) {
        auto value = parse_hex(hex.substr(2 * i, 2));
        if (!value)
            return std::nullopt;
        bytes[i] = static_cast<std::uint8_t>(*value);
    }
    return make_ipv4(bytes[3], bytes[2], bytes[1], bytes[0]);
}

// The raw values of one line.
struct RouteFields {
    std::string iface, destination, gateway, mask;
    std::uint32_t flags = 0;
    std::int32_t numbers[6] = {}; // refcnt, use, metric, mtu, window, irtt
};

bool scan_column(ScanCursor& in, Column column, RouteFields& f) {
    auto text_into = [&in](std::string& out, std::size_t width) {
        auto word = in.word(width);
        if (word)
            out = std::string(*word);
        return word.has_value();
    };
    auto number_into = [&in](std::int32_t& out) {
        auto value = in.int32_number();
        if (value)
            out = *value;
        return value.has_value();
    };
    switch (column) {
    case Column::iface:
        return text_into(f.iface, 15);
    case Column::destination:
        return text_into(f.destination, 127);
    case Column::gateway:
        return text_into(f.gateway, 127);
    case Column::mask:
        return text_into(f.mask, 127);
    case Column::flags: {
        auto value = in.uint32_number(16);
        if (value)
            f.flags = *value;
        return value.has_value();
    }
    case Column::refcnt:
    case Column::use:
    case Column::metric:
        return number_into(f.numbers[static_cast<int>(column) - static_cast<int>(Column::refcnt)]);
    case Column::mtu:
    case Column::window:
    case Column::irtt:
        return number_into(f.numbers[static_cast<int>(column) - static_cast<int>(Column::mtu) + 3]);
    }
    return false;
}

// sscanf() with the built format: returns how many wanted columns were converted.
int scan_line(std::string_view line, const std::vector<Directive>& format, RouteFields& f) {
    ScanCursor in(line);
    int converted = 0;
    for (const Directive& directive : format) {
        if (!directive) {
            if (!in.word())
                break;
            continue;
        }
        if (!scan_column(in, *directive, f))
            break;
        ++converted;
    }
    return converted;
}

Ipv4Route make_route(const RouteFields& f, int converted) {
    Ipv4Route route;
    route.irtt_present = converted > 10;
    route.interface_name = f.iface;
    auto destination = decode_address(f.destination);
    auto gateway = decode_address(f.gateway);
    auto mask = decode_address(f.mask);
    route.destination = destination.value_or(IpAddress{});
    route.gateway = gateway.value_or(IpAddress{});
    route.mask = mask.value_or(IpAddress{});
    route.destination_valid = destination.has_value();
    route.gateway_valid = gateway.has_value();
    route.mask_valid = mask.has_value();
    route.flags = f.flags;
    route.refcnt = f.numbers[0];
    route.use = f.numbers[1];
    route.metric = f.numbers[2];
    route.mtu = f.numbers[3];
    route.window = f.numbers[4];
    route.irtt = f.numbers[5];
    return route;
}

} // namespace

std::expected<ParseResult<Ipv4Route>, std::string> parse_ipv4_routes(std::string_view text) {
    if (text.empty())
        return std::unexpected(std::string());
    std::size_t header_end = std::min({text.find('\n'), text.size(), std::size_t{510}});
    if (header_end < text.size() && text[header_end] == '\n')
        ++header_end;
    auto format = build_format(text.substr(0, header_end));
    if (!format)
        return std::unexpected(format.error());
    ParseResult<Ipv4Route> result;
    std::size_t line_number = 1;
    // netstat reads with fgets(buf, 1023): lines longer than 1022 bytes arrive in pieces.
    for_each_fgets_chunk(text.substr(header_end), 1023, [&](std::string_view line) {
        ++line_number;
        RouteFields fields;
        const int converted = scan_line(line, *format, fields);
        if (converted < 10) {
            result.diagnostics.push_back({"net/route", line_number, "fewer than 10 values"});
            return;
        }
        result.rows.push_back(make_route(fields, converted));
    });
    return result;
}

} // namespace netstat_audit
