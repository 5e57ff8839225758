// SPDX-License-Identifier: MIT
// NameResolver: netstat's rules for host, port and user texts over a Resolver.
#include "netstat_audit/view/resolver.hpp"

#include "netstat_audit/view/text.hpp"

namespace netstat_audit {

namespace {

constexpr std::size_t k_max_host_name = 127;

std::size_t table_index(ServiceTable table) {
    return static_cast<std::size_t>(table);
}

// "::ffff:a.b.c.d" prints as "a.b.c.d" in every mode (netstat strips the mapped prefix).
std::string strip_v4_mapped_prefix(std::string text) {
    constexpr std::string_view k_prefix = "::ffff:";
    if (text.size() > k_prefix.size() && text.starts_with(k_prefix) &&
        text.find('.', k_prefix.size()) != std::string::npos)
        text.erase(0, k_prefix.size());
    return text;
}

NumericResolver g_numeric_names; // stateless: shared by every numbers-only NameResolver

} // namespace

NameResolver::NameResolver(Resolver& names, NumericFlags numeric)
    : m_names(&names), m_numeric(numeric) {}

NameResolver::NameResolver(NumericFlags numeric) : m_names(&g_numeric_names), m_numeric(numeric) {}

const std::string& NameResolver::host(const IpAddress& address) {
    std::array<std::uint8_t, 17> key{};
    key[0] = static_cast<std::uint8_t>(address.version);
    std::copy(address.bytes.begin(), address.bytes.end(), key.begin() + 1);
    auto found = m_hosts.find(key);
    if (found != m_hosts.end())
        return found->second;
    return m_hosts.emplace(key, lookup_host(address)).first->second;
}

std::string NameResolver::lookup_host(const IpAddress& address) {
    std::string text;
    if (m_numeric.hosts)
        text = format_numeric(address);
    else if (address.version == IpVersion::v4)
        text = address.is_unspecified() ? format_numeric(address)
               : address.bytes[0] != 0  ? route_host(address)
                                        : route_network(address);
    else if (address.is_unspecified())
        text = "[::]";
    else
        text = m_names->host_name(address).value_or(format_numeric(address));
    if (address.version == IpVersion::v6)
        text = strip_v4_mapped_prefix(std::move(text));
    if (text.size() > k_max_host_name)
        text.resize(k_max_host_name);
    return text;
}

std::string NameResolver::route_host(const IpAddress& address) {
    return m_names->host_name(address).value_or(format_numeric(address));
}

std::string NameResolver::route_network(const IpAddress& address) {
    return m_names->network_name(address).value_or(format_numeric(address));
}

std::string_view NameResolver::port(std::uint16_t port, ServiceTable table) {
    if (port == 0)
        return "*";
    if (!m_numeric.ports) {
        const std::size_t index = table_index(table);
        auto& names = m_ports[index];
        auto found = names.find(port);
        if (found != names.end())
            return found->second;
        auto& unnamed = m_unnamed_ports[index];
        if (unnamed.empty())
            unnamed.resize(65536);
        if (!unnamed[port]) {
            if (auto name = m_names->service_name(port, table))
                return names.emplace(port, std::move(*name)).first->second;
            unnamed[port] = true;
        }
    }
    char* end = m_decimal_port + sizeof m_decimal_port;
    char* begin = end;
    for (unsigned value = port; value != 0; value /= 10)
        *--begin = static_cast<char>('0' + value % 10);
    return {begin, static_cast<std::size_t>(end - begin)};
}

const std::string& NameResolver::user(std::int32_t uid) {
    auto found = m_users.find(uid);
    if (found != m_users.end())
        return found->second;
    std::optional<std::string> name;
    if (!m_numeric.users)
        name = m_names->user_name(static_cast<std::uint32_t>(uid));
    return m_users.emplace(uid, name.value_or(to_decimal(std::int64_t{uid}))).first->second;
}

} // namespace netstat_audit
