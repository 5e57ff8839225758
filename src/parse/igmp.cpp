// SPDX-License-Identifier: MIT
// /proc/net/igmp{,6} → GroupMembership rows, scanned with the sscanf() formats netstat uses.
#include "netstat_audit/parse/igmp.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace netstat_audit {

namespace {

// What C string calls see of one fgets() chunk.
std::string_view c_string(std::string_view chunk) {
    return chunk.substr(0, chunk.find('\0'));
}

// The igmp group word: sscanf("%X") into s_addr, i.e. the kernel's little-endian __be32.
IpAddress igmp_group(std::string_view hex) {
    const std::uint32_t value = ScanCursor(hex).uint32_number(16).value_or(0);
    IpAddress address;
    for (std::size_t i = 0; i < 4; ++i)
        address.bytes[i] = static_cast<std::uint8_t>((value >> (8 * i)) & 0xFFU);
    return address;
}

// The igmp6 group: four %08X words, each put in network order. Words sscanf() does not reach
// stay 0 (netstat leaves them uninitialised).
IpAddress igmp6_group(std::string_view hex) {
    std::uint32_t words[4] = {};
    ScanCursor in(hex);
    for (std::uint32_t& word : words) {
        auto value = in.uint32_number(16, 8);
        if (!value)
            break;
        word = *value;
    }
    IpAddress address;
    address.version = IpVersion::v6;
    for (std::size_t i = 0; i < 16; ++i)
        address.bytes[i] = static_cast<std::uint8_t>((words[i / 4] >> (24 - 8 * (i % 4))) & 0xFFU);
    return address;
}

// "%d %15s %64[0-9A-Fa-f] %d"
std::optional<GroupMembership> scan_igmp6_line(std::string_view line) {
    ScanCursor in(line);
    if (!in.int32_number())
        return std::nullopt;
    auto device = in.word(15);
    if (!device)
        return std::nullopt;
    in.skip_space();
    auto hex = in.hex_digits(64);
    if (!hex)
        return std::nullopt;
    in.skip_space();
    auto refcount = in.int32_number();
    if (!refcount)
        return std::nullopt;
    return GroupMembership{
        std::string(*device), *refcount, igmp6_group(*hex), GroupEntry::membership, {}};
}

// One igmp line: a device line ("%d\t%15c" with the index column, "%15c" without) or a
// group line ("\t%8[0-9A-Fa-f] %d"); nullopt when it does not scan.
std::optional<GroupMembership> scan_igmp_line(std::string_view line, bool has_index) {
    ScanCursor in(line);
    if (line.empty() || line[0] != '\t') {
        if (has_index) {
            if (!in.int32_number())
                return std::nullopt;
            in.skip_space();
        }
        auto bytes = in.characters(15);
        if (!bytes)
            return std::nullopt;
        // The name as this line gives it: its bytes up to the NUL or the last ':'.
        std::string_view name = c_string(*bytes);
        name = name.substr(0, std::min(name.rfind(':'), name.size()));
        return GroupMembership{
            std::string(name), 0, {}, GroupEntry::igmp_device, std::string(*bytes)};
    }
    in.skip_space();
    auto hex = in.hex_digits(8);
    if (!hex)
        return std::nullopt;
    in.skip_space();
    auto refcount = in.int32_number();
    if (!refcount)
        return std::nullopt;
    return GroupMembership{{}, *refcount, igmp_group(*hex), GroupEntry::igmp_membership, {}};
}

} // namespace

IgmpFormat igmp_format_after(std::string_view text, IgmpFormat format) {
    if (format == IgmpFormat::igmp6 || text.empty())
        return format;
    // The first fgets() chunk of netstat's 8192-byte buffer.
    std::string_view first = text.substr(0, 8191);
    first = first.substr(0, first.find('\n'));
    return c_string(first).find("Device") != std::string_view::npos ? IgmpFormat::igmp
                                                                    : IgmpFormat::igmp6;
}

ParseResult<GroupMembership> parse_igmp(std::string_view text, IgmpFormat format,
                                        std::string_view file_name) {
    ParseResult<GroupMembership> result;
    std::size_t line_number = 0;
    bool has_index = false;  // set by this file's header: kernels since 2.1 have "Idx"
    std::string device_name; // the name of the last device line, for the rows after it
    for_each_fgets_chunk(text, [&](std::string_view chunk) {
        ++line_number;
        const std::string_view line = c_string(chunk);
        if (line_number == 1) {
            if (line.find("Device") != std::string_view::npos) {
                has_index = line.starts_with("Idx");
                return;
            }
            format = IgmpFormat::igmp6; // igmp6 has no header line
        }
        const bool igmp6 = format == IgmpFormat::igmp6;
        auto entry = igmp6 ? scan_igmp6_line(line) : scan_igmp_line(line, has_index);
        if (!entry) {
            result.diagnostics.push_back({std::string(file_name), line_number,
                                          igmp6 ? "bogus igmp6 line" : "bogus igmp line"});
            return;
        }
        if (entry->entry == GroupEntry::igmp_device)
            device_name = entry->interface_name;
        else if (entry->entry == GroupEntry::igmp_membership)
            entry->interface_name = device_name;
        result.rows.push_back(std::move(*entry));
    });
    return result;
}

} // namespace netstat_audit
