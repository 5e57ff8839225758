// SPDX-License-Identifier: MIT
// /proc/net/snmp, /proc/net/netstat and /proc/net/sctp/snmp → CounterGroup lists, by name.
#include "netstat_audit/parse/counters.hpp"

#include <cctype>
#include <limits>

namespace netstat_audit {

namespace {

constexpr std::string_view k_blanks = " \t\n";

// Splits `text` into lines; the last one may lack its newline.
template <typename Visit> void for_each_line(std::string_view text, Visit visit) {
    while (!text.empty()) {
        std::size_t newline = text.find('\n');
        std::size_t length = newline == text.npos ? text.size() : newline + 1;
        visit(text.substr(0, length));
        text.remove_prefix(length);
    }
}

// The names after "NAME:" paired with the values after the value line's ':', as netstat's
// process_fd() walks them (names split on blanks; each value read by strtoull).
CounterGroup pair_group(std::string_view names, std::string_view values) {
    CounterGroup group;
    std::size_t colon = names.find(':');
    group.name = std::string(names.substr(0, colon));
    names.remove_prefix(colon + 1);
    values.remove_prefix(values.find(':') + 1);
    for (;;) {
        std::size_t start = names.find_first_not_of(k_blanks);
        if (start == names.npos)
            break;
        names.remove_prefix(start);
        std::size_t end = std::min(names.find_first_of(k_blanks), names.size());
        std::size_t skip = std::min(values.find_first_not_of(k_blanks), values.size());
        values.remove_prefix(skip);
        auto [value, used] = scan_counter_value(values);
        values.remove_prefix(used);
        group.counters.push_back({std::string(names.substr(0, end)), value});
        names.remove_prefix(end);
    }
    return group;
}

} // namespace

std::pair<std::int64_t, std::size_t> scan_counter_value(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i])) != 0)
        ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-'))
        negative = text[i++] == '-';
    std::size_t first_digit = i;
    std::uint64_t value = 0;
    bool overflow = false;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
        auto digit = static_cast<std::uint64_t>(text[i] - '0');
        if (value > (std::numeric_limits<std::uint64_t>::max() - digit) / 10)
            overflow = true;
        value = value * 10 + digit;
    }
    if (i == first_digit)
        return {0, 0};
    if (overflow)
        value = std::numeric_limits<std::uint64_t>::max();
    else if (negative)
        value = 0 - value;
    return {static_cast<std::int64_t>(value), i};
}

ParseResult<CounterGroup> parse_counter_pairs(std::string_view text, std::string_view file_name) {
    ParseResult<CounterGroup> result;
    std::string_view pending;
    bool have_names = false;
    std::size_t line_number = 0;
    bool stopped = false;
    for_each_line(text, [&](std::string_view line) {
        ++line_number;
        if (stopped)
            return;
        if (!have_names) {
            if (line == "\n")
                return; // netstat skips an empty line where a pair would start
            pending = line;
            have_names = true;
            return;
        }
        have_names = false;
        if (pending.find(':') == pending.npos || line.find(':') == line.npos) {
            result.diagnostics.push_back(
                {std::string(file_name), line_number, "line pair without ':'"});
            stopped = true;
            return;
        }
        result.rows.push_back(pair_group(pending, line));
    });
    return result;
}

CounterGroup parse_sctp_counters(std::string_view text) {
    CounterGroup group{"Sctp", {}};
    for_each_line(text, [&](std::string_view line) {
        std::size_t start = line.find_first_not_of(k_blanks);
        if (start == line.npos)
            return;
        line.remove_prefix(start);
        std::size_t end = std::min(line.find_first_of(k_blanks), line.size());
        group.counters.push_back(
            {std::string(line.substr(0, end)), scan_counter_value(line.substr(end)).first});
    });
    return group;
}

} // namespace netstat_audit
