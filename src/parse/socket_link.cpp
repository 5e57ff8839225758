// SPDX-License-Identifier: MIT
// fd link and cmdline rules of netstat's -p walk.
#include "netstat_audit/parse/socket_link.hpp"

#include <algorithm>
#include <cassert>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace netstat_audit {

namespace {

// strtoul(text, &end, 0) that must consume everything and must not return ULONG_MAX, which is
// netstat's test in extract_type_{1,2}_socket_inode. glibc itself decides the base-0 syntax
// (blanks, sign, 0x, octal), so odd links give netstat's answer.
std::optional<std::uint64_t> whole_strtoul(std::string_view digits) {
    char buffer[32];
    assert(digits.size() < sizeof buffer);
    std::memcpy(buffer, digits.data(), digits.size());
    buffer[digits.size()] = '\0';
    char* end = nullptr;
    unsigned long value = std::strtoul(buffer, &end, 0);
    if (end == nullptr || *end != '\0' || value == ULONG_MAX)
        return std::nullopt;
    return std::uint64_t{value};
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
