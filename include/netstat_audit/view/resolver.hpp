// SPDX-License-Identifier: MIT
// Names for addresses, ports and users: the one seam through which every presenter looks a name
// up (Resolver), and netstat's rules for turning the answers into column text (NameResolver).
#pragma once

#include "netstat_audit/cli/options.hpp"
#include "netstat_audit/model/net_address.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace netstat_audit {

// Which services list a port is looked up in (netstat keeps one per protocol family; raw is
// the protocols database).
enum class ServiceTable : std::uint8_t { tcp, udp, raw };

// The name databases. Implementations: SystemResolver (NSS and DNS, source/system_resolver.hpp),
// NumericResolver (knows no names), fakes in tests. nullopt means "no name": the caller prints
// the number. Implementations may cache; the views ask each question at most once per run.
class Resolver {
public:
    virtual ~Resolver() = default;
    // The host name of an address (IPv4: gethostbyaddr; IPv6: getnameinfo, which may answer
    // with numeric text).
    virtual std::optional<std::string> host_name(const IpAddress& address) = 0;
    // The networks-database name of an IPv4 address (getnetbyaddr).
    virtual std::optional<std::string> network_name(const IpAddress& address) = 0;
    // The service name of `port` in `table` (services; for raw, the protocols database wins).
    virtual std::optional<std::string> service_name(std::uint16_t port, ServiceTable table) = 0;
    // The login name of `uid` (getpwuid).
    virtual std::optional<std::string> user_name(std::uint32_t uid) = 0;
};

// Knows no names: every view prints numbers. No lookup touches the system.
class NumericResolver final : public Resolver {
public:
    std::optional<std::string> host_name(const IpAddress&) override { return std::nullopt; }
    std::optional<std::string> network_name(const IpAddress&) override { return std::nullopt; }
    std::optional<std::string> service_name(std::uint16_t, ServiceTable) override {
        return std::nullopt;
    }
    std::optional<std::string> user_name(std::uint32_t) override { return std::nullopt; }
};

// Turns numbers into the texts netstat prints, asking `names` unless the numeric flags say
// otherwise (so `-n` never reaches the Resolver). Every answer is cached for the run.
class NameResolver {
public:
    NameResolver(Resolver& names, NumericFlags numeric);
    // Numbers only (a NumericResolver behind it whatever the flags say).
    explicit NameResolver(NumericFlags numeric);

    // HOST part of an endpoint: "0.0.0.0", "[::]", a name, or numeric text; IPv4-mapped IPv6
    // addresses print as plain IPv4 and names are cut to 127 bytes (golden cases tcp_long,
    // inet6_long). IPv4 addresses whose first octet is 0 are looked up as networks (golden case
    // zero_octet_t).
    const std::string& host(const IpAddress& address);

    // PORT part: "*" for 0, else a service name from `table` or decimal (golden case svc_ta).
    // Service names are cached; decimal text is not (a busy host has tens of thousands of
    // ports): it stays valid until the next call of port().
    std::string_view port(std::uint16_t port, ServiceTable table);

    // The login name for `uid`, or its decimal value (golden case t_numusers).
    const std::string& user(std::int32_t uid);

    // Route addresses (netstat's INET_rresolve for -r, uncached like netstat's): a host name or
    // a network name, the dotted quad when there is none.
    std::string route_host(const IpAddress& address);
    std::string route_network(const IpAddress& address);

    const NumericFlags& numeric() const { return m_numeric; }

private:
    std::string lookup_host(const IpAddress& address);

    Resolver* m_names;
    NumericFlags m_numeric;
    std::map<std::array<std::uint8_t, 17>, std::string> m_hosts;
    std::unordered_map<std::uint32_t, std::string> m_ports[3]; // ports with a service name
    std::vector<bool> m_unnamed_ports[3];                      // looked up, no name
    char m_decimal_port[8] = {};
    std::unordered_map<std::int32_t, std::string> m_users;
};

} // namespace netstat_audit
