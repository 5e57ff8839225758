// SPDX-License-Identifier: MIT
// Socket listing collection: netstat's section rules decide the files, parsers make the tables.
#include "netstat_audit/source/collect.hpp"

#include "netstat_audit/parse/igmp.hpp"
#include "netstat_audit/parse/inet_sockets.hpp"
#include "netstat_audit/parse/sctp_sockets.hpp"
#include "netstat_audit/parse/unix_sockets.hpp"

#include <unistd.h>

namespace netstat_audit {

SocketSelection select_sockets(const Options& options) {
    SocketSelection s;
    ProtocolSelection p = options.protocols;
    bool inet = options.family_inet;
    bool inet6 = options.family_inet6;
    if ((inet || inet6) && !p.any()) {
        p = {true, true, true, true, true};
        s.implicit = true;
    }
    if ((p.any() || options.groups) && !inet && !inet6)
        inet = inet6 = true;
    s.explicit_selection = p.any() || options.family_unix || options.family_other_explicit ||
                           options.groups || options.bluetooth;
    const bool everything = !s.explicit_selection;
    s.inet_header = everything || p.any();
    s.tcp = everything || p.tcp;
    s.sctp = everything || p.sctp;
    s.udp = everything || p.udp;
    s.udplite = everything || p.udplite;
    s.raw = everything || p.raw;
    s.read_ipv4 = everything || inet;
    s.read_ipv6 = everything || inet6;
    s.groups = options.groups;
    s.unix = everything || options.family_unix;
    s.filter = listing_filter(options);
    s.programs = options.programs && (s.inet_header || s.unix);
    return s;
}

namespace {

// The IPv4 and IPv6 files of a section that the selection reads.
std::vector<std::pair<std::string, IpVersion>> section_files(const SocketSelection& selection,
                                                             std::string_view v4_file,
                                                             std::string_view v6_file) {
    std::vector<std::pair<std::string, IpVersion>> files;
    if (selection.read_ipv4)
        files.emplace_back(v4_file, IpVersion::v4);
    if (selection.read_ipv6)
        files.emplace_back(v6_file, IpVersion::v6);
    return files;
}

// Reads one file and parses it with `parse(text, relative)`.
template <typename Row, typename Parse>
FileTable<Row> read_table(const ProcFs& proc, std::string relative, IpVersion version,
                          Parse&& parse) {
    FileTable<Row> table{std::move(relative), version, {}, {}};
    auto text = proc.read_file(table.relative);
    if (!text)
        table.error = text.error();
    else
        table.parsed = parse(*text, table.relative);
    return table;
}

void collect_inet(const ProcFs& proc, const SocketSelection& selection, InetProtocol protocol,
                  std::string_view v4_file, std::string_view v6_file,
                  std::vector<FileTable<InetSocket>>& tables) {
    for (auto& [relative, version] : section_files(selection, v4_file, v6_file))
        tables.push_back(read_table<InetSocket>(
            proc, relative, version, [&](std::string_view text, std::string_view name) {
                return parse_inet_sockets(text, protocol, version, name);
            }));
}

void collect_sctp(const ProcFs& proc, const SocketSelection& selection, SocketTables& tables) {
    auto files = section_files(selection, "net/sctp/", "net/sctp6/");
    if (selection.filter != ListingFilter::connected)
        for (auto& [dir, version] : files)
            tables.sctp_endpoints.push_back(
                read_table<SctpEndpoint>(proc, dir + "eps", version, parse_sctp_endpoints));
    if (selection.filter != ListingFilter::listening)
        for (auto& [dir, version] : files)
            tables.sctp_associations.push_back(read_table<SctpAssociation>(
                proc, dir + "assocs", version, parse_sctp_associations));
}

void collect_groups(const ProcFs& proc, const SocketSelection& selection, SocketTables& tables) {
    IgmpScanState state; // netstat scans igmp and igmp6 with one set of variables
    for (auto& [relative, version] : section_files(selection, "net/igmp", "net/igmp6"))
        tables.groups.push_back(read_table<GroupMembership>(
            proc, relative, version, [&](std::string_view text, std::string_view name) {
                return parse_igmp(text, state, name);
            }));
}

void collect_legacy(const ProcFs& proc, SocketTables& tables) {
    constexpr std::pair<Family, std::string_view> k_files[] = {{Family::ipx, "net/ipx/socket"},
                                                               {Family::ax25, "net/ax25"},
                                                               {Family::x25, "net/x25"},
                                                               {Family::netrom, "net/nr"},
                                                               {Family::rose, "net/rose"}};
    for (auto [family, relative] : k_files)
        tables.legacy.push_back({family, ::access(proc.path(relative).c_str(), R_OK) == 0});
}

} // namespace

SocketTables collect_socket_tables(const ProcFs& proc, const SocketSelection& selection) {
    SocketTables tables;
    std::future<ProcessMap> walk;
    if (selection.programs)
        walk = start_process_map(proc);
    if (selection.tcp)
        collect_inet(proc, selection, InetProtocol::tcp, "net/tcp", "net/tcp6", tables.tcp);
    if (selection.sctp)
        collect_sctp(proc, selection, tables);
    if (selection.udp)
        collect_inet(proc, selection, InetProtocol::udp, "net/udp", "net/udp6", tables.udp);
    if (selection.udplite)
        collect_inet(proc, selection, InetProtocol::udplite, "net/udplite", "net/udplite6",
                     tables.udplite);
    if (selection.raw)
        collect_inet(proc, selection, InetProtocol::raw, "net/raw", "net/raw6", tables.raw);
    if (selection.groups)
        collect_groups(proc, selection, tables);
    if (selection.unix)
        tables.unix.push_back(
            read_table<UnixSocket>(proc, "net/unix", IpVersion::v4, parse_unix_sockets));
    collect_legacy(proc, tables);
    if (walk.valid())
        tables.processes = walk.get();
    return tables;
}

} // namespace netstat_audit
