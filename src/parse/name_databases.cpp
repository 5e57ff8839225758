// SPDX-License-Identifier: MIT
// Parsers for passwd, services, protocols, hosts and networks with glibc's files-backend rules.
#include "netstat_audit/parse/name_databases.hpp"

#include "netstat_audit/parse/scanner.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>
#include <vector>

namespace netstat_audit {

namespace {

// netstat's buffers: host names are cut to 127 bytes, service names to 63.
constexpr std::size_t k_max_service_name = 63;

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

// Calls `visit(fields)` for each line's whitespace-separated words before any '#'.
template <typename Visit> void for_each_record(std::string_view text, Visit&& visit) {
    std::vector<std::string_view> fields;
    for_each_line(text, [&](std::string_view line) {
        line = without_newline(line);
        line = line.substr(0, line.find('#'));
        fields.clear();
        std::size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && is_blank(line[i]))
                ++i;
            std::size_t start = i;
            while (i < line.size() && !is_blank(line[i]))
                ++i;
            if (i > start)
                fields.push_back(line.substr(start, i - start));
        }
        if (!fields.empty())
            visit(fields);
    });
}

std::optional<std::uint16_t> parse_u16(std::string_view text) {
    auto value = parse_decimal(text);
    if (!value || *value > 0xFFFF)
        return std::nullopt;
    return static_cast<std::uint16_t>(*value);
}

std::optional<IpAddress> parse_host_address(std::string_view text) {
    std::string copy(text);
    IpAddress address;
    if (::inet_pton(AF_INET, copy.c_str(), address.bytes.data()) == 1)
        return address;
    address.version = IpVersion::v6;
    if (::inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) == 1)
        return address;
    return std::nullopt;
}

} // namespace

std::array<std::uint8_t, 17> host_key(const IpAddress& address) {
    std::array<std::uint8_t, 17> key{};
    key[0] = static_cast<std::uint8_t>(address.version);
    std::copy(address.bytes.begin(), address.bytes.end(), key.begin() + 1);
    return key;
}

namespace {

bool is_c_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

// A passwd number field as glibc's files backend reads it (strtoul in base 10, then a check
// for 32 bits): leading blanks and a '+' allowed, then digits and nothing else.
std::optional<std::uint32_t> passwd_number(std::string_view field) {
    while (!field.empty() && is_c_space(field.front()))
        field.remove_prefix(1);
    if (field.starts_with('+'))
        field.remove_prefix(1);
    auto value = parse_decimal(field);
    if (!value || *value > 0xFFFFFFFFu)
        return std::nullopt;
    return static_cast<std::uint32_t>(*value);
}

} // namespace

std::optional<PasswdEntry> parse_passwd_line(std::string_view line) {
    while (!line.empty() && is_c_space(line.front()))
        line.remove_prefix(1);
    if (line.empty() || line.starts_with('#'))
        return std::nullopt;
    // name:password:uid:gid[:gecos:home:shell]; the gid ends at ':' or the end of the line
    const std::size_t first = line.find(':');
    const std::size_t second = first == line.npos ? line.npos : line.find(':', first + 1);
    const std::size_t third = second == line.npos ? line.npos : line.find(':', second + 1);
    if (third == line.npos)
        return std::nullopt;
    const std::string_view gid_field =
        line.substr(third + 1, line.find(':', third + 1) - third - 1);
    const std::string_view name = line.substr(0, first);
    const auto uid = passwd_number(line.substr(second + 1, third - second - 1));
    if (!uid || !passwd_number(gid_field) || name.starts_with('+') || name.starts_with('-'))
        return std::nullopt; // '+'/'-' lines are nss_compat's, which getpwuid() never returns
    return PasswdEntry{std::string(name), *uid};
}

void parse_passwd(std::string_view text, NameDatabases& databases) {
    for_each_line(text, [&](std::string_view line) {
        if (auto entry = parse_passwd_line(without_newline(line)))
            databases.users.emplace(entry->uid, std::move(entry->name));
    });
}

void parse_services(std::string_view text, NameDatabases& databases) {
    for_each_record(text, [&](const std::vector<std::string_view>& fields) {
        if (fields.size() < 2)
            return;
        std::string_view port_proto = fields[1];
        std::size_t slash = port_proto.find('/');
        if (slash == port_proto.npos)
            return;
        auto port = parse_u16(port_proto.substr(0, slash));
        std::string_view proto = port_proto.substr(slash + 1);
        if (!port)
            return;
        std::string name(fields[0].substr(0, k_max_service_name));
        if (proto == "tcp")
            databases.tcp[*port] = std::move(name);
        else if (proto == "udp")
            databases.udp[*port] = std::move(name);
        else if (proto == "raw")
            databases.raw[*port] = std::move(name);
    });
}

void parse_protocols(std::string_view text, NameDatabases& databases) {
    for_each_record(text, [&](const std::vector<std::string_view>& fields) {
        if (fields.size() < 2)
            return;
        if (auto number = parse_u16(fields[1]); number && *number <= 0xFF)
            databases.raw[*number] = std::string(fields[0].substr(0, k_max_service_name));
    });
}

void parse_hosts(std::string_view text, NameDatabases& databases) {
    for_each_record(text, [&](const std::vector<std::string_view>& fields) {
        if (fields.size() < 2)
            return;
        if (auto address = parse_host_address(fields[0]))
            databases.hosts.emplace(host_key(*address), std::string(fields[1]));
    });
}

void parse_networks(std::string_view text, NameDatabases& databases) {
    for_each_record(text, [&](const std::vector<std::string_view>& fields) {
        if (fields.size() < 2)
            return;
        std::string number(fields[1]);
        for (auto dots = std::count(number.begin(), number.end(), '.'); dots < 3; ++dots)
            number += ".0";
        in_addr_t value = ::inet_network(number.c_str());
        if (value == static_cast<in_addr_t>(-1))
            return;
        databases.networks.emplace(static_cast<std::uint32_t>(value), std::string(fields[0]));
    });
}

} // namespace netstat_audit
