// SPDX-License-Identifier: MIT
// /proc/net/packet parser: one PacketSocket per row, a diagnostic per row it cannot read.
#include "netstat_audit/parse/packet.hpp"

#include "netstat_audit/model/net_address.hpp"
#include "netstat_audit/parse/scanner.hpp"

#include <array>
#include <optional>
#include <string>

namespace netstat_audit {

namespace {

constexpr std::size_t k_fields = 9;

// Splits `line` at blanks into at most `fields.size()` words; returns how many were found.
std::size_t split_words(std::string_view line, std::array<std::string_view, k_fields>& fields) {
    std::size_t count = 0;
    std::size_t p = 0;
    while (count < fields.size()) {
        while (p < line.size() && (line[p] == ' ' || line[p] == '\t' || line[p] == '\r'))
            ++p;
        if (p >= line.size())
            break;
        std::size_t end = p;
        while (end < line.size() && line[end] != ' ' && line[end] != '\t' && line[end] != '\r')
            ++end;
        fields[count++] = line.substr(p, end - p);
        p = end;
    }
    return count;
}

template <typename T> std::optional<T> narrow(std::optional<std::uint64_t> value, T max) {
    if (!value || *value > static_cast<std::uint64_t>(max))
        return std::nullopt;
    return static_cast<T>(*value);
}

// One data row, or nullopt when a field is missing or not a number.
std::optional<PacketSocket> parse_row(std::string_view line) {
    std::array<std::string_view, k_fields> f{};
    if (split_words(line, f) < k_fields || !parse_hex(f[0]))
        return std::nullopt;
    auto type = narrow<std::uint32_t>(parse_decimal(f[2]), UINT32_MAX);
    auto protocol = narrow<std::uint16_t>(parse_hex(f[3]), UINT16_MAX);
    auto iface = narrow<std::int32_t>(parse_decimal(f[4]), INT32_MAX);
    auto running = parse_decimal(f[5]);
    auto rmem = parse_decimal(f[6]);
    auto uid = narrow<std::uint32_t>(parse_decimal(f[7]), UINT32_MAX);
    auto inode = parse_decimal(f[8]);
    if (!type || !protocol || !iface || !running || !rmem || !uid || !inode || !parse_decimal(f[1]))
        return std::nullopt;
    PacketSocket row;
    row.type = *type;
    row.protocol = *protocol;
    row.interface_index = *iface;
    row.running = *running != 0;
    row.receive_memory_bytes = *rmem;
    row.uid = *uid;
    row.inode = *inode;
    return row;
}

} // namespace

ParseResult<PacketSocket> parse_packet_sockets(std::string_view text, std::string_view file_name) {
    ParseResult<PacketSocket> result;
    std::size_t line_number = 0;
    for_each_line(text, [&](std::string_view line) {
        line = without_newline(line);
        if (++line_number == 1)
            return; // header
        if (line.find_first_not_of(" \t\r") == line.npos)
            return;
        if (auto row = parse_row(line))
            result.rows.push_back(*row);
        else
            result.diagnostics.push_back({std::string(file_name), line_number, "bogus"});
    });
    return result;
}

} // namespace netstat_audit
