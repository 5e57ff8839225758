// SPDX-License-Identifier: MIT
// /proc/net/igmp{,6} → GroupMembership rows, scanned with the sscanf() formats netstat uses.
#include "netstat_audit/parse/igmp.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <cstdio>
#include <cstring>
#include <optional>
#include <string>

namespace netstat_audit {

namespace {

std::string device_text(const IgmpScanState& state) {
    return std::string(state.device.data(), ::strnlen(state.device.data(), state.device.size()));
}

// The igmp group word: sscanf("%X") into s_addr, i.e. the kernel's little-endian __be32.
IpAddress igmp_group(const char* hex) {
    unsigned value = 0;
    std::sscanf(hex, "%X", &value);
    IpAddress address;
    for (std::size_t i = 0; i < 4; ++i)
        address.bytes[i] = static_cast<std::uint8_t>((value >> (8 * i)) & 0xFFU);
    return address;
}

// The igmp6 group: four %08X words, each put in network order. Words sscanf() does not reach
// stay 0 (netstat leaves them uninitialised).
IpAddress igmp6_group(const char* hex) {
    unsigned words[4] = {};
    std::sscanf(hex, "%08X%08X%08X%08X", &words[0], &words[1], &words[2], &words[3]);
    IpAddress address;
    address.version = IpVersion::v6;
    for (std::size_t i = 0; i < 16; ++i)
        address.bytes[i] = static_cast<std::uint8_t>((words[i / 4] >> (24 - 8 * (i % 4))) & 0xFFU);
    return address;
}

std::optional<GroupMembership> scan_igmp6_line(const std::string& line, IgmpScanState& state) {
    int index = 0;
    int refcount = 0;
    char hex[65] = {};
    if (std::sscanf(line.c_str(), "%d %15s %64[0-9A-Fa-f] %d", &index, state.device.data(), hex,
                    &refcount) != 4)
        return std::nullopt;
    return GroupMembership{device_text(state), refcount, igmp6_group(hex)};
}

// A device line sets the current device and gives no row; a tab line gives a row.
enum class IgmpLine { device, row, bogus };

IgmpLine scan_igmp_line(const std::string& line, IgmpScanState& state, GroupMembership& row) {
    if (line.empty() || line[0] != '\t') {
        int index = 0;
        const bool ok =
            state.has_index
                ? std::sscanf(line.c_str(), "%d\t%15c", &index, state.device.data()) == 2
                : std::sscanf(line.c_str(), "%15c", state.device.data()) == 1;
        if (!ok)
            return IgmpLine::bogus;
        if (char* colon = std::strrchr(state.device.data(), ':'))
            *colon = '\0';
        return IgmpLine::device;
    }
    char hex[9] = {};
    int refcount = 0;
    if (std::sscanf(line.c_str(), "\t%8[0-9A-Fa-f] %d", hex, &refcount) != 2)
        return IgmpLine::bogus;
    row = GroupMembership{device_text(state), refcount, igmp_group(hex)};
    return IgmpLine::row;
}

} // namespace

ParseResult<GroupMembership> parse_igmp(std::string_view text, IgmpScanState& state,
                                        std::string_view file_name) {
    ParseResult<GroupMembership> result;
    std::size_t line_number = 0;
    for_each_fgets_chunk(text, [&](std::string_view chunk) {
        ++line_number;
        const std::string line(chunk.substr(0, chunk.find('\0'))); // what C string calls see
        if (line_number == 1) {
            if (line.find("Device") != std::string::npos) {
                state.has_index = line.starts_with("Idx"); // kernels since 2.1 have it
                return;
            }
            state.igmp6_format = true; // igmp6 has no header line
        }
        auto bogus = [&](std::string_view format) {
            result.diagnostics.push_back(
                {std::string(file_name), line_number, "bogus " + std::string(format) + " line"});
        };
        if (state.igmp6_format) {
            if (auto row = scan_igmp6_line(line, state))
                result.rows.push_back(std::move(*row));
            else
                bogus("igmp6");
            return;
        }
        GroupMembership row;
        switch (scan_igmp_line(line, state, row)) {
        case IgmpLine::row:
            result.rows.push_back(std::move(row));
            break;
        case IgmpLine::bogus:
            bogus("igmp");
            break;
        case IgmpLine::device:
            break;
        }
    });
    return result;
}

} // namespace netstat_audit
