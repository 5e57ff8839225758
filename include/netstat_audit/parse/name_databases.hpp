// SPDX-License-Identifier: MIT
// The files-backend name databases (passwd, services, protocols, hosts, networks) as lookup
// tables, so a capture's copies resolve names the way the captured machine's NSS "files" did.
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace netstat_audit {

// Name tables keyed the way netstat asks. Each parse_* below fills one of them; a line that
// does not parse is skipped, as glibc's files backend skips it.
struct NameDatabases {
    std::unordered_map<std::uint32_t, std::string> users;      // uid -> login (first line wins)
    std::unordered_map<std::uint16_t, std::string> tcp;        // port -> service (last line wins)
    std::unordered_map<std::uint16_t, std::string> udp;        // port -> service (last line wins)
    std::unordered_map<std::uint16_t, std::string> raw;        // services/raw, then protocols
    std::map<std::array<std::uint8_t, 17>, std::string> hosts; // version+bytes -> h_name
    std::unordered_map<std::uint32_t, std::string> networks;   // net number -> name
};

// The key of `address` in NameDatabases::hosts.
std::array<std::uint8_t, 17> host_key(const IpAddress& address);

// One passwd(5) line as getpwuid() through glibc's files backend sees it.
struct PasswdEntry {
    std::string name; // may be empty: glibc returns ":x:5:5::/:" as a user without a name
    std::uint32_t uid = 0;
};

// "root:x:0:0:root:/root:/bin/bash" (no newline). nullopt for what glibc 2.36's files backend
// skips or rejects (checked with getent -s files): a blank line or one whose first non-blank
// is '#', fewer than four fields, a uid or gid that is not a decimal of at most 32 bits (blanks
// and a '+' before the digits are allowed, "-1" and "12x" are not), a name beginning with '+'
// or '-' (nss_compat's entries). Leading blanks are not part of the name.
std::optional<PasswdEntry> parse_passwd_line(std::string_view line);

// passwd(5) by parse_passwd_line(): uid -> name, the first line of a uid winning, as
// getpwuid() returns it. The audit and the capture's name resolver both read users this way.
void parse_passwd(std::string_view text, NameDatabases& databases);

// services(5): "ssh 22/tcp # SSH Remote Login Protocol". netstat enumerates the list and lets
// a later entry of a port replace an earlier one; only tcp, udp and raw are kept.
void parse_services(std::string_view text, NameDatabases& databases);

// protocols(5): "icmp 1 ICMP". Numbers name raw sockets' "ports"; they replace services/raw
// entries, as netstat loads protocols after services.
void parse_protocols(std::string_view text, NameDatabases& databases);

// hosts(5): "127.0.0.1 localhost". gethostbyaddr() returns the first name of the first line
// with the address (IPv4 and IPv6 lines answer their own family only).
void parse_hosts(std::string_view text, NameDatabases& databases);

// networks(5): "link-local 169.254.0.0". The number is padded with ".0" to four parts, as
// glibc's files backend does ("127" is 127.0.0.0); the first line of a number wins.
void parse_networks(std::string_view text, NameDatabases& databases);

} // namespace netstat_audit
