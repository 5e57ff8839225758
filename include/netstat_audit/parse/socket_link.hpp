// SPDX-License-Identifier: MIT
// netstat's rules for fd link targets ("socket:[N]") and cmdline program names.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace netstat_audit {

// netstat reads fd links into a 30-byte buffer: at most 29 bytes of a link count.
inline constexpr std::size_t k_socket_link_max_bytes = 29;

// The inode of an fd link `socket:[N]` or `[0000]:N` (N in strtoul base-0 syntax), with
// netstat's checks: only the first 29 bytes count, the socket form needs ≥ 11 bytes and a final
// `]`, N must be consumed completely and must not be ULONG_MAX. nullopt for anything else.
std::optional<std::uint64_t> parse_socket_link(std::string_view link);

// The program name netstat derives from a cmdline prefix: argv[0] (up to the first NUL), or the
// part after its last '/' when it starts with '/'. Empty for an empty cmdline.
std::string_view program_name_from_cmdline(std::string_view cmdline);

} // namespace netstat_audit
