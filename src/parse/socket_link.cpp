// SPDX-License-Identifier: MIT
// fd link and cmdline rules of netstat's -p walk.
#include "netstat_audit/parse/socket_link.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <algorithm>
#include <limits>

namespace netstat_audit {

namespace {

// strtoul(text, &end, 0) that must consume everything and must not return ULONG_MAX, which is
// netstat's test in extract_type_{1,2}_socket_inode. ScanCursor's base 0 is strtoul's syntax
// (blanks, sign, 0x, octal, saturation); only a bare "0x" differs: scanf consumes it as 0,
// strtoul stops before the 'x', so netstat rejects the link (unit test ParseSocketLink.*).
std::optional<std::uint64_t> whole_strtoul(std::string_view digits) {
    ScanCursor in(digits);
    const auto value = in.unsigned_number(0);
    if (!value || !in.rest().empty() || *value == std::numeric_limits<std::uint64_t>::max())
        return std::nullopt;
    if (*value == 0 && (digits.ends_with('x') || digits.ends_with('X')))
        return std::nullopt;
    return value;
}

} // namespace

std::optional<std::uint64_t> parse_socket_link(std::string_view link) {
    // readlink() gives no NUL; a fixture could, and netstat's strlen() would stop there.
    link = link.substr(0, std::min(link.find('\0'), k_socket_link_max_bytes));
    constexpr std::string_view k_socket = "socket:[";
    constexpr std::string_view k_old = "[0000]:";
    if (link.size() >= k_socket.size() + 3 && link.starts_with(k_socket) && link.ends_with(']'))
        return whole_strtoul(link.substr(k_socket.size(), link.size() - k_socket.size() - 1));
    if (link.size() >= k_old.size() + 1 && link.starts_with(k_old))
        return whole_strtoul(link.substr(k_old.size()));
    return std::nullopt;
}

std::string_view program_name_from_cmdline(std::string_view cmdline) {
    std::string_view argv0 = cmdline.substr(0, cmdline.find('\0'));
    if (argv0.starts_with('/'))
        argv0.remove_prefix(argv0.rfind('/') + 1);
    return argv0;
}

} // namespace netstat_audit
