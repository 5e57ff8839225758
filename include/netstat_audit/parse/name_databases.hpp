// SPDX-License-Identifier: MIT
// The files-backend name databases (passwd, services, protocols, hosts, networks) as lookup
// tables, so a capture's copies resolve names the way the captured machine's NSS "files" did.
#pragma once

#include "netstat_audit/model/net_address.hpp"

#include <cstdint>
#include <map>
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

// passwd(5): "root:x:0:0:root:/root:/bin/bash". getpwuid() returns the first line of a uid.
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
