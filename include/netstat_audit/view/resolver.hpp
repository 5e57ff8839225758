// SPDX-License-Identifier: MIT
// Names for addresses, ports and users, through libc (so nsswitch is honoured), cached.
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/net_address.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>

namespace netstat_audit {

// Which services list a port is looked up in (netstat keeps one per protocol family).
enum class ServiceTable : std::uint8_t { tcp, udp, raw };

// Turns numbers into the names netstat prints. Numeric flags short-circuit every lookup, so
// `-n` never touches NSS or DNS. Every answer, failures included, is cached for the run.
class NameResolver {
public:
    explicit NameResolver(NumericFlags numeric);

    // HOST part of an endpoint (spec §4.2): "0.0.0.0", "[::]", a name, or numeric text.
    // IPv4-mapped IPv6 addresses print as plain IPv4.
    const std::string& host(const IpAddress& address);

    // PORT part (spec §4.3): "*" for 0, else a service name from `table` or decimal.
    const std::string& port(std::uint16_t port, ServiceTable table);

    // The login name for `uid`, or its decimal value (spec §4.5).
    const std::string& user(std::int32_t uid);

    const NumericFlags& numeric() const { return m_numeric; }

private:
    using ServiceMap = std::unordered_map<std::uint16_t, std::string>;
    void load_services();
    std::string lookup_host(const IpAddress& address);

    NumericFlags m_numeric;
    bool m_services_loaded = false;
    ServiceMap m_services[3];
    std::map<std::array<std::uint8_t, 17>, std::string> m_hosts;
    std::unordered_map<std::uint32_t, std::string> m_ports[3];
    std::unordered_map<std::int32_t, std::string> m_users;
};

} // namespace netstat_audit
