// SPDX-License-Identifier: MIT
// /proc/net/snmp6 → CounterGroup list, sections derived from the key names as netstat does.
#include "netstat_audit/parse/snmp6.hpp"

#include "netstat_audit/parse/counters.hpp"
#include "netstat_audit/parse/scanner.hpp"

namespace netstat_audit {

namespace {

// "Icmp6InMsgs" → "Icmp6"; a key without '6' is its own section name.
std::string_view section_of(std::string_view key) {
    std::size_t six = key.find('6');
    return six == key.npos ? key : key.substr(0, six + 1);
}

} // namespace

ParseResult<CounterGroup> parse_snmp6(std::string_view text) {
    ParseResult<CounterGroup> result;
    for_each_line(text, [&](std::string_view line) {
        std::size_t start = line.find_first_not_of(k_strtok_blanks);
        if (start == line.npos)
            return;
        line.remove_prefix(start);
        std::size_t end = std::min(line.find_first_of(k_strtok_blanks), line.size());
        std::string_view key = line.substr(0, end);
        if (result.rows.empty() || key.find(result.rows.back().name) == key.npos)
            result.rows.push_back({std::string(section_of(key)), {}});
        result.rows.back().counters.push_back(
            {std::string(key), static_cast<std::int64_t>(
                                   ScanCursor(line.substr(end)).unsigned_number(10).value_or(0))});
    });
    return result;
}

} // namespace netstat_audit
