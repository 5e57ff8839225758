// SPDX-License-Identifier: MIT
// /proc/net/snmp, /proc/net/netstat and /proc/net/sctp/snmp → CounterGroup lists, by name.
#include "netstat_audit/parse/counters.hpp"

#include "netstat_audit/parse/scanner.hpp"

namespace netstat_audit {

namespace {

constexpr std::string_view k_blanks = k_strtok_blanks;

// strtoull(text, &end, 10) as a counter: "-1" wraps to -1, overflow saturates (also -1), no
// digits is 0. The cursor moves past what was converted.
std::int64_t counter_value(ScanCursor& value) {
    return static_cast<std::int64_t>(value.unsigned_number(10).value_or(0));
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
        ScanCursor value(values);
        group.counters.push_back({std::string(names.substr(0, end)), counter_value(value)});
        values = value.rest();
        names.remove_prefix(end);
    }
    return group;
}

} // namespace

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
        ScanCursor value(line.substr(end));
        group.counters.push_back({std::string(line.substr(0, end)), counter_value(value)});
    });
    return group;
}

} // namespace netstat_audit
