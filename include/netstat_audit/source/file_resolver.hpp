// SPDX-License-Identifier: MIT
// The Resolver of a capture: the name databases netstat-audit-capture saved beside its proc/.
#pragma once

#include "netstat_audit/parse/name_databases.hpp"
#include "netstat_audit/view/resolver.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace netstat_audit {

// Answers from copies of passwd, services, protocols, hosts and networks with the rules of
// glibc's files backend (parse/name_databases.hpp), so an offline view names what the captured
// machine named from its files. A name that machine got from DNS or a directory service that
// does not enumerate is not in the copies: it prints as a number.
class FileResolver final : public Resolver {
public:
    explicit FileResolver(NameDatabases databases) : m_databases(std::move(databases)) {}

    std::optional<std::string> host_name(const IpAddress& address) override;
    std::optional<std::string> network_name(const IpAddress& address) override;
    std::optional<std::string> service_name(std::uint16_t port, ServiceTable table) override;
    std::optional<std::string> user_name(std::uint32_t uid) override;

private:
    NameDatabases m_databases;
};

// The name-database directory of a proc root: DIR/etc when `proc_root` is DIR/proc of a capture
// that has one, else empty (the live /proc, or a tree without captured databases).
std::string capture_etc_dir(std::string_view proc_root);

// Reads and parses ETC/{passwd,services,protocols,hosts,networks}; a missing or unreadable
// file is an empty database.
NameDatabases read_name_databases(const std::string& etc_dir);

// The Resolver for a run on `proc_root`: a FileResolver over the capture's databases when
// capture_etc_dir() finds them, else the SystemResolver (NSS and DNS).
std::unique_ptr<Resolver> make_resolver(std::string_view proc_root);

} // namespace netstat_audit
