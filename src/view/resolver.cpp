// SPDX-License-Identifier: MIT
// NameResolver: services/protocols lists built once, hosts and users looked up through NSS.
#include "netstat_audit/view/resolver.hpp"

#include "netstat_audit/view/text.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>

#include <cstring>

namespace netstat_audit {

namespace {

constexpr std::size_t k_max_host_name = 127;
constexpr std::size_t k_max_service_name = 63;

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

std::string lookup_ipv4(const IpAddress& address) {
    std::string numeric = format_numeric(address);
    if (address.is_unspecified())
        return numeric;
    if (address.bytes[0] != 0) {
        in_addr raw{};
        std::memcpy(&raw, address.bytes.data(), 4);
        if (const hostent* entry = ::gethostbyaddr(&raw, sizeof raw, AF_INET))
            return entry->h_name;
        return numeric;
    }
    // netstat asks the networks database for addresses whose first octet is zero.
    if (const netent* entry = ::getnetbyaddr(address.v4_host_order(), AF_INET))
        return entry->n_name;
    return numeric;
}

std::string lookup_ipv6(const IpAddress& address) {
    if (address.is_unspecified())
        return "[::]";
    sockaddr_in6 sa{};
    sa.sin6_family = AF_INET6;
    std::memcpy(&sa.sin6_addr, address.bytes.data(), 16);
    char host[NI_MAXHOST] = {};
    if (::getnameinfo(reinterpret_cast<const sockaddr*>(&sa), sizeof sa, host, sizeof host, nullptr,
                      0, 0) != 0)
        return format_numeric(address);
    return host;
}

} // namespace

NameResolver::NameResolver(NumericFlags numeric) : m_numeric(numeric) {}

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
        text = lookup_ipv4(address);
    else
        text = lookup_ipv6(address);
    if (address.version == IpVersion::v6)
        text = strip_v4_mapped_prefix(std::move(text));
    if (text.size() > k_max_host_name)
        text.resize(k_max_host_name);
    return text;
}

void NameResolver::load_services() {
    m_services_loaded = true;
    ::setservent(1);
    while (const servent* entry = ::getservent()) {
        auto port = static_cast<std::uint16_t>(ntohs(static_cast<std::uint16_t>(entry->s_port)));
        std::string_view proto = entry->s_proto ? entry->s_proto : "";
        std::string name(cut(entry->s_name, k_max_service_name));
        // Later entries overwrite earlier ones: netstat's lists let the last one win.
        if (proto == "tcp")
            m_services[table_index(ServiceTable::tcp)][port] = name;
        else if (proto == "udp")
            m_services[table_index(ServiceTable::udp)][port] = name;
        else if (proto == "raw")
            m_services[table_index(ServiceTable::raw)][port] = name;
    }
    ::endservent();
    ::setprotoent(1);
    while (const protoent* entry = ::getprotoent()) {
        auto number = static_cast<std::uint16_t>(entry->p_proto);
        m_services[table_index(ServiceTable::raw)][number] =
            std::string(cut(entry->p_name, k_max_service_name));
    }
    ::endprotoent();
}

const std::string& NameResolver::port(std::uint16_t port, ServiceTable table) {
    auto& cache = m_ports[table_index(table)];
    auto found = cache.find(port);
    if (found != cache.end())
        return found->second;
    std::string text;
    if (port == 0) {
        text = "*";
    } else if (m_numeric.ports) {
        text = to_decimal(std::uint64_t{port});
    } else {
        if (!m_services_loaded)
            load_services();
        const auto& services = m_services[table_index(table)];
        auto service = services.find(port);
        text = service != services.end() ? service->second : to_decimal(std::uint64_t{port});
    }
    return cache.emplace(port, std::move(text)).first->second;
}

const std::string& NameResolver::user(std::int32_t uid) {
    auto found = m_users.find(uid);
    if (found != m_users.end())
        return found->second;
    std::string text;
    const passwd* entry = m_numeric.users ? nullptr : ::getpwuid(static_cast<uid_t>(uid));
    text = entry != nullptr ? std::string(entry->pw_name) : to_decimal(std::int64_t{uid});
    return m_users.emplace(uid, std::move(text)).first->second;
}

} // namespace netstat_audit
