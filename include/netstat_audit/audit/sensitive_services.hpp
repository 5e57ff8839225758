// SPDX-License-Identifier: MIT
// The documented table of services that must not listen beyond loopback unless intended.
#pragma once

#include "netstat_audit/model/socket.hpp"

#include <cstdint>
#include <span>
#include <string_view>

namespace netstat_audit {

// Which transports a table entry covers.
enum class Transport : std::uint8_t { tcp = 1, udp = 2, both = 3 };

// Databases, caches, queues, container and cluster APIs, remote-admin and file-sharing services
// that ship without authentication, with weak defaults, or with a history of remote exploits.
// SSH is expected on servers and is not in the table; neither are web ports.
struct SensitiveService {
    std::uint16_t first_port = 0;
    std::uint16_t last_port = 0;
    Transport transport = Transport::tcp;
    std::string_view name;        // "PostgreSQL"
    std::string_view bind_advice; // where its bind address is set
};

// The whole table, in port order (printed by --list-checks -v and in the man page).
std::span<const SensitiveService> sensitive_services();

// The entry for a TCP or UDP `port`, nullptr when the port is not sensitive. UDP-Lite counts as
// UDP; raw sockets never match.
const SensitiveService* find_sensitive_service(InetProtocol protocol, std::uint16_t port);

} // namespace netstat_audit
