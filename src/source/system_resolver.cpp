// SPDX-License-Identifier: MIT
// SystemResolver: gethostbyaddr, getnameinfo, getnetbyaddr, getservent, getprotoent, getpwuid.
#include "netstat_audit/source/system_resolver.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>

#include <cstring>

namespace netstat_audit {

namespace {

constexpr std::size_t k_max_service_name = 63;

std::string cut_name(const char* name) {
    return std::string(std::string_view(name).substr(0, k_max_service_name));
}

} // namespace

std::optional<std::string> SystemResolver::host_name(const IpAddress& address) {
    if (address.version == IpVersion::v4) {
        in_addr raw{};
        std::memcpy(&raw, address.bytes.data(), 4);
        if (const hostent* entry = ::gethostbyaddr(&raw, sizeof raw, AF_INET))
            return std::string(entry->h_name);
        return std::nullopt;
    }
    sockaddr_in6 sa{};
    sa.sin6_family = AF_INET6;
    std::memcpy(&sa.sin6_addr, address.bytes.data(), 16);
    char host[NI_MAXHOST] = {};
    if (::getnameinfo(reinterpret_cast<const sockaddr*>(&sa), sizeof sa, host, sizeof host, nullptr,
                      0, 0) != 0)
        return std::nullopt;
    return std::string(host);
}

std::optional<std::string> SystemResolver::network_name(const IpAddress& address) {
    if (const netent* entry = ::getnetbyaddr(address.v4_host_order(), AF_INET))
        return std::string(entry->n_name);
    return std::nullopt;
}

void SystemResolver::load_services() {
    m_services_loaded = true;
    auto& tcp = m_services[static_cast<std::size_t>(ServiceTable::tcp)];
    auto& udp = m_services[static_cast<std::size_t>(ServiceTable::udp)];
    auto& raw = m_services[static_cast<std::size_t>(ServiceTable::raw)];
    ::setservent(1);
    while (const servent* entry = ::getservent()) {
        auto port = static_cast<std::uint16_t>(ntohs(static_cast<std::uint16_t>(entry->s_port)));
        std::string_view proto = entry->s_proto ? entry->s_proto : "";
        // Later entries overwrite earlier ones: netstat's lists let the last one win.
        if (proto == "tcp")
            tcp[port] = cut_name(entry->s_name);
        else if (proto == "udp")
            udp[port] = cut_name(entry->s_name);
        else if (proto == "raw")
            raw[port] = cut_name(entry->s_name);
    }
    ::endservent();
    ::setprotoent(1);
    while (const protoent* entry = ::getprotoent())
        raw[static_cast<std::uint16_t>(entry->p_proto)] = cut_name(entry->p_name);
    ::endprotoent();
}

std::optional<std::string> SystemResolver::service_name(std::uint16_t port, ServiceTable table) {
    if (!m_services_loaded)
        load_services();
    const auto& services = m_services[static_cast<std::size_t>(table)];
    auto found = services.find(port);
    if (found == services.end())
        return std::nullopt;
    return found->second;
}

std::optional<std::string> SystemResolver::user_name(std::uint32_t uid) {
    if (const passwd* entry = ::getpwuid(static_cast<uid_t>(uid)))
        return std::string(entry->pw_name);
    return std::nullopt;
}

std::optional<std::uint32_t> system_user_id(std::string_view name) {
    const std::string text(name);
    if (const passwd* entry = ::getpwnam(text.c_str()))
        return static_cast<std::uint32_t>(entry->pw_uid);
    return std::nullopt;
}

} // namespace netstat_audit
