// SPDX-License-Identifier: MIT
// /proc/net/igmp{,6} → GroupMembership rows, scanned with the sscanf() formats netstat uses.
#include "netstat_audit/parse/igmp.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <cstring>
#include <optional>
#include <string>

namespace netstat_audit {

namespace {

std::string device_text(const IgmpScanState& state) {
    return std::string(state.device.data(), ::strnlen(state.device.data(), state.device.size()));
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

// sscanf's %15s into the device buffer: the word and its NUL.
void store_word(IgmpScanState& state, std::string_view word) {
    std::memcpy(state.device.data(), word.data(), word.size());
    state.device[word.size()] = '\0';
}

// sscanf's %15c into the device buffer: the bytes only, no NUL (the tail stays).
void store_characters(IgmpScanState& state, std::string_view bytes) {
    std::memcpy(state.device.data(), bytes.data(), bytes.size());
}

// "%d %15s %64[0-9A-Fa-f] %d"
std::optional<GroupMembership> scan_igmp6_line(std::string_view line, IgmpScanState& state) {
    ScanCursor in(line);
    if (!in.int32_number())
        return std::nullopt;
    auto device = in.word(15);
    if (!device)
        return std::nullopt;
    store_word(state, *device);
    in.skip_space();
    auto hex = in.hex_digits(64);
    if (!hex)
        return std::nullopt;
    in.skip_space();
    auto refcount = in.int32_number();
    if (!refcount)
        return std::nullopt;
    return GroupMembership{device_text(state), *refcount, igmp6_group(*hex)};
}

// A device line sets the current device and gives no row; a tab line gives a row.
enum class IgmpLine { device, row, bogus };

IgmpLine scan_igmp_line(std::string_view line, IgmpScanState& state, GroupMembership& row) {
    ScanCursor in(line);
    if (line.empty() || line[0] != '\t') {
        // "%d\t%15c" with the index column, "%15c" without.
        if (state.has_index) {
            if (!in.int32_number())
                return IgmpLine::bogus;
            in.skip_space();
        }
        auto bytes = in.characters(15);
        if (!bytes)
            return IgmpLine::bogus;
        store_characters(state, *bytes);
        if (char* colon = std::strrchr(state.device.data(), ':'))
            *colon = '\0';
        return IgmpLine::device;
    }
    // "\t%8[0-9A-Fa-f] %d"
    in.skip_space();
    auto hex = in.hex_digits(8);
    if (!hex)
        return IgmpLine::bogus;
    in.skip_space();
    auto refcount = in.int32_number();
    if (!refcount)
        return IgmpLine::bogus;
    row = GroupMembership{device_text(state), *refcount, igmp_group(*hex)};
    return IgmpLine::row;
}

} // namespace

ParseResult<GroupMembership> parse_igmp(std::string_view text, IgmpScanState& state,
                                        std::string_view file_name) {
    ParseResult<GroupMembership> result;
    std::size_t line_number = 0;
    for_each_fgets_chunk(text, [&](std::string_view chunk) {
        ++line_number;
        const std::string_view line = chunk.substr(0, chunk.find('\0')); // what C string calls see
        if (line_number == 1) {
            if (line.find("Device") != std::string_view::npos) {
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
