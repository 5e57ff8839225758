// SPDX-License-Identifier: MIT
// FileResolver and the choice between it and the SystemResolver for a proc root.
#include "netstat_audit/source/file_resolver.hpp"

#include "netstat_audit/source/proc_fs.hpp"
#include "netstat_audit/source/system_resolver.hpp"

#include <sys/stat.h>

namespace netstat_audit {

namespace {

template <typename Map, typename Key>
std::optional<std::string> find_name(const Map& map, const Key& key) {
    auto found = map.find(key);
    if (found == map.end())
        return std::nullopt;
    return found->second;
}

} // namespace

std::optional<std::string> FileResolver::host_name(const IpAddress& address) {
    return find_name(m_databases.hosts, host_key(address));
}

std::optional<std::string> FileResolver::network_name(const IpAddress& address) {
    return find_name(m_databases.networks, address.v4_host_order());
}

std::optional<std::string> FileResolver::service_name(std::uint16_t port, ServiceTable table) {
    switch (table) {
    case ServiceTable::tcp:
        return find_name(m_databases.tcp, port);
    case ServiceTable::udp:
        return find_name(m_databases.udp, port);
    case ServiceTable::raw:
        return find_name(m_databases.raw, port);
    }
    return std::nullopt;
}

std::optional<std::string> FileResolver::user_name(std::uint32_t uid) {
    return find_name(m_databases.users, uid);
}

std::string capture_etc_dir(std::string_view proc_root) {
    std::string root(proc_root);
    while (root.size() > 1 && root.back() == '/')
        root.pop_back();
    if (root.empty() || root == "/proc")
        return {};
    std::size_t slash = root.rfind('/');
    std::string parent = slash == std::string::npos ? "." : slash == 0 ? "" : root.substr(0, slash);
    std::string etc = parent + "/etc";
    struct stat info {};
    if (::stat(etc.c_str(), &info) != 0 || !S_ISDIR(info.st_mode))
        return {};
    return etc;
}

NameDatabases read_name_databases(const std::string& etc_dir) {
    NameDatabases databases;
    auto parse_file = [&](const char* name, auto parse) {
        if (auto text = read_whole_file(etc_dir + "/" + name))
            parse(*text, databases);
    };
    parse_file("passwd", parse_passwd);
    parse_file("services", parse_services);
    parse_file("protocols", parse_protocols); // after services: protocols win for raw
    parse_file("hosts", parse_hosts);
    parse_file("networks", parse_networks);
    return databases;
}

std::unique_ptr<Resolver> make_resolver(std::string_view proc_root) {
    std::string etc = capture_etc_dir(proc_root);
    if (etc.empty())
        return std::make_unique<SystemResolver>();
    return std::make_unique<FileResolver>(read_name_databases(etc));
}

} // namespace netstat_audit
