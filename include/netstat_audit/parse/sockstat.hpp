// SPDX-License-Identifier: MIT
// /proc/net/sockstat and sockstat6: "TCP: inuse 5 orphan 0 tw 0 alloc 7 mem 1" per line.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace netstat_audit {

// One line: its label ("TCP", "sockets", "TCP6") and its name/value pairs in file order.
struct SockstatLine {
    std::string label;
    std::vector<std::pair<std::string, std::int64_t>> values;
};

// Every well-formed line of `text`; a line without "LABEL:" or with an odd or non-numeric
// pair list is skipped.
std::vector<SockstatLine> parse_sockstat(std::string_view text);

} // namespace netstat_audit
