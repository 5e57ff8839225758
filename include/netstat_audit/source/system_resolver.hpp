// SPDX-License-Identifier: MIT
// The Resolver of a live run: libc's NSS (hosts, networks, services, protocols, passwd) and DNS.
#pragma once

#include "netstat_audit/view/resolver.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <unordered_map>

namespace netstat_audit {

// Asks the system's name databases, as netstat does. The services and protocols lists are read
// once, on the first port question (later entries of a list win, as in netstat's lists).
class SystemResolver final : public Resolver {
public:
    std::optional<std::string> host_name(const IpAddress& address) override;
    std::optional<std::string> network_name(const IpAddress& address) override;
    std::optional<std::string> service_name(std::uint16_t port, ServiceTable table) override;
    std::optional<std::string> user_name(std::uint32_t uid) override;

private:
    void load_services();

    bool m_services_loaded = false;
    std::unordered_map<std::uint16_t, std::string> m_services[3];
};

// The uid of user `name` in the system's passwd (getpwnam), nullopt when there is none.
std::optional<std::uint32_t> system_user_id(std::string_view name);

} // namespace netstat_audit
