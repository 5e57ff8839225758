// SPDX-License-Identifier: MIT
// /dev/kmsg records: "PRI,SEQ,TIMESTAMP_US,FLAGS;MESSAGE" plus " KEY=VALUE" continuation lines.
#include "netstat_audit/parse/kmsg.hpp"

#include <charconv>
#include <optional>

namespace netstat_audit {

namespace {

std::optional<std::uint64_t> decimal(std::string_view text) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size() || text.empty())
        return std::nullopt;
    return value;
}

// The header's first three comma-separated fields; later ones (flags, caller id) are ignored.
std::optional<KmsgRecord> parse_record(std::string_view line) {
    const std::size_t semicolon = line.find(';');
    if (semicolon == std::string_view::npos)
        return std::nullopt;
    std::string_view header = line.substr(0, semicolon);
    std::optional<std::uint64_t> fields[3];
    for (auto& field : fields) {
        const std::size_t comma = header.find(',');
        field = decimal(header.substr(0, comma));
        if (!field)
            return std::nullopt;
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    }
    KmsgRecord record;
    record.level = static_cast<std::uint8_t>(*fields[0] & 7);
    record.facility = static_cast<std::uint32_t>(*fields[0] >> 3);
    record.sequence = *fields[1];
    record.time_us = *fields[2];
    record.message = std::string(line.substr(semicolon + 1));
    return record;
}

} // namespace

ParseResult<KmsgRecord> parse_kmsg(std::string_view text, std::string_view file_name) {
    ParseResult<KmsgRecord> result;
    std::size_t line_number = 0;
    while (!text.empty()) {
        const std::size_t newline = text.find('\n');
        const std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view{} : text.substr(newline + 1);
        ++line_number;
        if (line.empty() || line.front() == ' ')
            continue; // a dictionary continuation line of the record above
        if (auto record = parse_record(line))
            result.rows.push_back(std::move(*record));
        else
            result.diagnostics.push_back(
                {std::string(file_name), line_number, "not a kmsg record (PRI,SEQ,TIME;TEXT)"});
    }
    return result;
}

} // namespace netstat_audit
